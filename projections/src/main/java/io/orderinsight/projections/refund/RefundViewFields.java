package io.orderinsight.projections.refund;

/** Field names of {@code refund_views} documents. */
public final class RefundViewFields {

    public static final String ORDER_ID = "orderId";
    public static final String PAYMENT_ID = "paymentId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String CURRENCY = "currency";
    public static final String AMOUNT = "amount";
    public static final String REASON = "reason";
    public static final String STATUS = "status";
    public static final String REQUESTED_AT = "requestedAt";

    private RefundViewFields() {}
}
