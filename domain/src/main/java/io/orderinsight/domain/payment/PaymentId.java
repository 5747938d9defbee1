package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.Identifier;

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
