package io.orderinsight.domain.shared;

/** The machine codes of rejected requests (commands, audit and admin work); the HTTP layer maps each to its status once. */
public enum RejectionCode {
    VALIDATION_FAILED,
    ORDER_NOT_FOUND,
    PAYMENT_NOT_FOUND,
    REFUND_NOT_FOUND,
    DISPUTE_NOT_FOUND,
    CUSTOMER_NOT_FOUND,
    ALERT_NOT_FOUND,
    RULE_NOT_FOUND,
    JOB_NOT_FOUND,
    PROJECTION_NOT_FOUND,
    REBUILD_IN_PROGRESS,
    DUPLICATE_ID,
    INVALID_STATE,
    CONCURRENT_MODIFICATION,
    CURRENCY_MISMATCH,
    CAPTURE_EXCEEDS_AUTHORIZED,
    REFUND_EXCEEDS_REFUNDABLE,
    CUSTOMER_BLOCKED,
    UNAUTHORIZED,
    FORBIDDEN
}
