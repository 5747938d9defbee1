package io.orderinsight.domain.payment;

/** AUTHORIZED | DECLINED; AUTHORIZED → PARTIALLY_CAPTURED → CAPTURED; uncaptured remainder → VOIDED. */
public enum PaymentStatus {
    AUTHORIZED,
    DECLINED,
    PARTIALLY_CAPTURED,
    CAPTURED,
    VOIDED
}
