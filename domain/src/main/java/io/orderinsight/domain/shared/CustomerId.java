package io.orderinsight.domain.shared;

public record CustomerId(String value) implements Identifier {

    public CustomerId {
        Identifier.requireValid(value, "customer id");
    }

    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
