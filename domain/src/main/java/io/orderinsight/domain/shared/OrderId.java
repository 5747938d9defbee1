package io.orderinsight.domain.shared;

public record OrderId(String value) implements Identifier {

    public OrderId {
        Identifier.requireValid(value, "order id");
    }

    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
