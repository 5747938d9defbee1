package io.orderinsight.command.risk;

/** The records the rules remember besides an order, each found from an event and the order it concerns. */
public enum FactKind {
    /** The order's customer (a refund request names its own). */
    CUSTOMER,
    /** The declined card. */
    CARD,
    /** The seller's month and the month before (a resolved alert names its own seller). */
    SELLER_MONTHS
}
