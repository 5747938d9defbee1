package io.orderinsight.domain.payment;

public enum DisputeOutcome {
    WON,
    LOST
}
