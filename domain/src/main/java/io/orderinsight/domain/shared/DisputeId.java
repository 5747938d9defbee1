package io.orderinsight.domain.shared;

public record DisputeId(String value) implements Identifier {

    public DisputeId {
        Identifier.requireValid(value, "dispute id");
    }

    public static DisputeId of(String value) {
        return new DisputeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
