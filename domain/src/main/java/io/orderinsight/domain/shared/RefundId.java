package io.orderinsight.domain.shared;

public record RefundId(String value) implements Identifier {

    public RefundId {
        Identifier.requireValid(value, "refund id");
    }

    public static RefundId of(String value) {
        return new RefundId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
