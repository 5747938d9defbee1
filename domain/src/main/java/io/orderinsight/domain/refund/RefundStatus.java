package io.orderinsight.domain.refund;

/** REQUESTED | PENDING_REVIEW → APPROVED → COMPLETED, or → REJECTED. */
public enum RefundStatus {
    REQUESTED,
    PENDING_REVIEW,
    APPROVED,
    COMPLETED,
    REJECTED
}
