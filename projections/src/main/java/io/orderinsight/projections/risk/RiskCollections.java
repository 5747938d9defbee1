package io.orderinsight.projections.risk;

/**
 * The read models of the risk team, designed with the read side and fed by the fraud rules' events once they exist.
 *
 * <p>{@code alert_views}: one document per alert, {@code _id} = alert id, versioned by the Alert aggregate like every
 * view — {@code ruleId}, {@code ruleVersion}, {@code subjectType} / {@code subjectId} (order, payment, customer or
 * seller), {@code evidence} (the ids of the events that fired the rule), {@code currency} and {@code moneyAtRisk}
 * (minor units), {@code action} (what was done automatically), {@code status} (OPEN, CONFIRMED_FRAUD,
 * FALSE_POSITIVE), {@code raisedAt}, {@code resolvedAt}.
 *
 * <p>{@code loss_ledger}: one document per loss event, {@code _id} = the id of the event that caused it (so a
 * redelivery writes the same document again) — {@code cause} (rule id or DISPUTE_LOST, REFUND, …), {@code sellerId},
 * {@code orderId}, {@code currency}, {@code atRisk} and {@code realized} (minor units), {@code occurredAt}.
 */
public final class RiskCollections {

    public static final String ALERTS = "alert_views";
    public static final String LOSS_LEDGER = "loss_ledger";

    /** Field names of {@code alert_views}. */
    public static final class Alert {
        public static final String RULE_ID = "ruleId";
        public static final String RULE_VERSION = "ruleVersion";
        public static final String SUBJECT_TYPE = "subjectType";
        public static final String SUBJECT_ID = "subjectId";
        public static final String EVIDENCE = "evidence";
        public static final String CURRENCY = "currency";
        public static final String MONEY_AT_RISK = "moneyAtRisk";
        public static final String ACTION = "action";
        public static final String STATUS = "status";
        public static final String RAISED_AT = "raisedAt";
        public static final String RESOLVED_AT = "resolvedAt";

        private Alert() {}
    }

    /** Field names of {@code loss_ledger}. */
    public static final class Loss {
        public static final String CAUSE = "cause";
        public static final String SELLER_ID = "sellerId";
        public static final String ORDER_ID = "orderId";
        public static final String CURRENCY = "currency";
        public static final String AT_RISK = "atRisk";
        public static final String REALIZED = "realized";
        public static final String OCCURRED_AT = "occurredAt";

        private Loss() {}
    }

    private RiskCollections() {}
}
