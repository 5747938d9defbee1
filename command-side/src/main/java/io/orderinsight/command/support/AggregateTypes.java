package io.orderinsight.command.support;

/** The aggregate type names as the event store records them and the API reports them. */
public final class AggregateTypes {

    public static final String ORDER = "Order";
    public static final String PAYMENT = "Payment";
    public static final String REFUND = "Refund";
    public static final String ALERT = "Alert";
    public static final String CUSTOMER_RISK = "CustomerRisk";
    public static final String RISK_RULE = "RiskRule";
    public static final String CUSTOMER_PRIVACY = "CustomerPrivacy";

    private AggregateTypes() {}
}
