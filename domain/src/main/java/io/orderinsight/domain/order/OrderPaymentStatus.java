package io.orderinsight.domain.order;

/** The payment state of an order, derived from money on the read side. */
public enum OrderPaymentStatus {
    UNPAID,
    PARTIALLY_PAID,
    PAID,
    OVERPAID,
    REFUND_DUE
}
