package io.orderinsight.domain.shared;

public record PaymentId(String value) implements Identifier {

    public PaymentId {
        Identifier.requireValid(value, "payment id");
    }

    public static PaymentId of(String value) {
        return new PaymentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
