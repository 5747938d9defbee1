package io.orderinsight.domain.risk;

/** A restriction the fraud rules put on a customer, in force until the alert that caused it is found false. */
public enum Restriction {
    /** New refunds wait in PENDING_REVIEW. */
    REFUND_HOLD,
    /** New orders are refused with CUSTOMER_BLOCKED. */
    ORDER_BLOCK
}
