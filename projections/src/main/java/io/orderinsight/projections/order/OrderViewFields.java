package io.orderinsight.projections.order;

/** Field names of {@code order_views} documents, shared by the projection that writes them and the queries. */
public final class OrderViewFields {

    public static final String CUSTOMER_ID = "customerId";
    public static final String SELLER_ID = "sellerId";
    public static final String CHANNEL = "channel";
    public static final String SHIPPING_COUNTRY = "shippingCountry";
    public static final String CURRENCY = "currency";
    public static final String TOTAL = "total";
    public static final String ITEMS = "items";

    public static final String STATUS = "status";
    public static final String PLACED_AT = "placedAt";
    /** The customer's personal data as the event holds it, sealed with the customer's key; absent when none. */
    public static final String SEALED_PERSONAL_DATA = "sealedPersonalData";

    public static final String CANCELLED_AT = "cancelledAt";
    public static final String SHIPPED_AT = "shippedAt";
    public static final String DELIVERED_AT = "deliveredAt";
    /** Per payment of the order (keyed by encoded payment id): a {@link PaymentEntry}. */
    public static final String PAYMENTS = "payments";

    public static final String REFUND_IDS = "refundIds";

    private OrderViewFields() {}
}
