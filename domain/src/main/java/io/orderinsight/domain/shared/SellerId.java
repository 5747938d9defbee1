package io.orderinsight.domain.shared;

public record SellerId(String value) implements Identifier {

    public SellerId {
        Identifier.requireValid(value, "seller id");
    }

    public static SellerId of(String value) {
        return new SellerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
