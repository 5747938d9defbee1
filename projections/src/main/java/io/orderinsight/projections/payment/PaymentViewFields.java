package io.orderinsight.projections.payment;

/** Field names of {@code payment_views} documents; amounts are minor units of {@code currency}. */
public final class PaymentViewFields {

    public static final String ORDER_ID = "orderId";
    public static final String STATUS = "status";
    public static final String METHOD = "method";
    public static final String CURRENCY = "currency";
    public static final String AUTHORIZED = "authorized";
    public static final String CAPTURED = "captured";
    public static final String VOIDED = "voided";
    public static final String REFUNDED = "refunded";
    public static final String REFUNDS_IN_FLIGHT = "refundsInFlight";
    public static final String DISPUTED = "disputed";
    public static final String DECLINE_REASON = "declineReason";
    public static final String CARD_FINGERPRINT = "cardFingerprint";
    public static final String RECORDED_AT = "occurredAt";

    private PaymentViewFields() {}
}
