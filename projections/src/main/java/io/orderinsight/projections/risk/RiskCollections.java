package io.orderinsight.projections.risk;

/**
 * The read models of the risk team, fed by the fraud rules' events.
 *
 * <p>{@code alert_views}: one {@link AlertView} per alert, {@code _id} = alert id, versioned by the Alert aggregate
 * like every view. {@code risk_rules}: each rule's newest recorded version, a {@link RuleView}.
 * {@code customer_restrictions}: the alerts holding a customer's refunds or blocking their orders, a
 * {@link CustomerRestrictions}.
 *
 * <p>{@code loss_ledger} (kept by the insight projection, which knows each order's seller): one
 * {@code LossEntry} (of insight) per loss event, {@code _id} = the id of the event that caused
 * it (so a redelivery writes the same document again).
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

    private RiskCollections() {}
}
