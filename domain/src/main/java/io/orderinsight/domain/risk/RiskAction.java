package io.orderinsight.domain.risk;

/** What a rule did when it fired, beside raising its alert. */
public enum RiskAction {
    /** An alert for review, nothing else. */
    ALERT,
    /** An early warning: the subject approaches the rule's threshold. */
    WARN,
    /** The unpaid order was cancelled. */
    CANCEL_ORDER,
    /** The customer's new refunds wait for review (PENDING_REVIEW). */
    HOLD_REFUNDS,
    /** The customer's new orders are refused (CUSTOMER_BLOCKED). */
    BLOCK_ORDERS
}
