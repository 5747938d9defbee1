package io.orderinsight.domain.risk;

/** OPEN → CONFIRMED_FRAUD (holds and blocks stay) | FALSE_POSITIVE (holds and blocks are lifted). */
public enum AlertStatus {
    OPEN,
    CONFIRMED_FRAUD,
    FALSE_POSITIVE
}
