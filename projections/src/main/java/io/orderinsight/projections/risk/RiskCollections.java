package io.orderinsight.projections.risk;

/**
 * The read models of the risk team, fed by the fraud rules' events.
 *
 * <p>{@code alert_views}: one document per alert, {@code _id} = alert id, versioned by the Alert aggregate like every
 * view — {@code ruleId}, {@code ruleVersion}, {@code subjectType} / {@code subjectId} (order, payment, customer or
 * seller), {@code evidence} (the ids of the events that fired the rule), {@code currency} and {@code moneyAtRisk}
 * (minor units), {@code action} (what was done automatically), {@code status} (OPEN, CONFIRMED_FRAUD,
 * FALSE_POSITIVE), {@code raisedAt}, {@code resolvedAt}.
 *
 * <p>{@code risk_rules}: each rule's newest recorded version; {@code customer_restrictions}: the alerts holding a
 * customer's refunds or blocking their orders.
 *
 * <p>{@code loss_ledger} (kept by the insight projection, which knows each order's seller): one document per loss event, {@code _id} = the id of the event that caused it (so a
 * redelivery writes the same document again) — {@code cause} (rule id or DISPUTE_LOST, REFUND, …), {@code sellerId},
 * {@code orderId}, {@code currency}, {@code atRisk} and {@code realized} (minor units), {@code occurredAt}.
 */
public final class RiskCollections {

    public static final String ALERTS = "alert_views";
    public static final String RULES = "risk_rules";
    public static final String RESTRICTIONS = "customer_restrictions";
    public static final String LOSS_LEDGER = "loss_ledger";
    /**
     * One document per order that an alert names ({@code _id} = the order's id): under {@link OrderAlerts#ALERTS} an
     * entry per alert, keyed by its encoded id and versioned by the alert's own events. Its open ones are the risk flags
     * of the order's, its payments' and its refunds' views.
     */
    public static final String ORDER_ALERTS = "order_alerts";

    /** Field names of {@code order_alerts}. */
    public static final class OrderAlerts {
        /** The entries, by encoded alert id: each an {@link OrderAlert}. */
        public static final String ALERTS = "alerts";

        private OrderAlerts() {}
    }

    /** Field names of {@code alert_views}. */
    public static final class Alert {
        public static final String ALERT_ID = "alertId";
        public static final String RULE_ID = "ruleId";
        public static final String RULE_VERSION = "ruleVersion";
        public static final String SUBJECT_TYPE = "subjectType";
        public static final String SUBJECT_ID = "subjectId";
        public static final String EVIDENCE = "evidence";
        public static final String CURRENCY = "currency";
        public static final String MONEY_AT_RISK = "moneyAtRisk";
        /** What an anomaly rule saw: the hour, its band, the actual figure, the top contributors. */
        public static final String ANOMALY = "anomaly";

        public static final String ACTION = "action";
        public static final String STATUS = "status";
        public static final String RAISED_AT = "raisedAt";
        public static final String RESOLVED_AT = "resolvedAt";
        public static final String CUSTOMER_ID = "customerId";
        public static final String SELLER_ID = "sellerId";
        public static final String ORDER_ID = "orderId";
        public static final String DETAIL = "detail";
        public static final String OUTCOME_NOTE = "note";

        private Alert() {}
    }

    /** Field names of {@code risk_rules}: one document per rule, {@code _id} = rule id, its newest version. */
    public static final class Rule {
        public static final String RULE_VERSION = "ruleVersion";
        public static final String THRESHOLDS = "thresholds";
        public static final String ENABLED = "enabled";
        public static final String SOURCE = "source";
        public static final String RECORDED_AT = "recordedAt";

        private Rule() {}
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
