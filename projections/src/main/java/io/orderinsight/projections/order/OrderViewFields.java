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
    /** The order's lines as {@link Line}s: what each category contributes to the order's value. */
    public static final String LINES = "lines";

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
    /**
     * Per alert about the order (keyed by encoded alert id): an {@link AlertEntry}; the open ones are the view's risk
     * flags.
     */
    public static final String ALERTS = "alerts";

    /** Field names of one alert's entry in an order view, versioned by the alert's own events. */
    public static final class AlertEntry {

        public static final String RULE_ID = "ruleId";
        /** OPEN, or the outcome it was resolved with. */
        public static final String STATUS = "status";

        private AlertEntry() {}
    }

    /** Field names of one line of an order view. */
    public static final class Line {

        public static final String CATEGORY = "category";
        public static final String AMOUNT = "amount";

        private Line() {}
    }

    /** Field names of one payment's entry in an order view; amounts in minor units of the order's currency. */
    public static final class PaymentEntry {

        public static final String STATUS = "status";
        public static final String AUTHORIZED = "authorized";
        public static final String CAPTURED = "captured";
        public static final String REFUNDED = "refunded";
        public static final String IN_FLIGHT = "refundsInFlight";
        public static final String DISPUTED = "disputed";
        public static final String AUTHORIZED_AT = "authorizedAt";
        public static final String DECLINED_AT = "declinedAt";
        public static final String CARD_FINGERPRINT = "cardFingerprint";
        /** How many disputes were opened on the payment. */
        public static final String DISPUTES = "disputes";
        /** Each capture of the payment as a {@link Movement}. */
        public static final String CAPTURES = "captures";
        /** Each refund paid out on the payment as a {@link Movement}. */
        public static final String REFUNDS = "refunds";

        /** When an amount moved, and how much. */
        public static final class Movement {

            public static final String AT = "at";
            public static final String AMOUNT = "amount";

            private Movement() {}
        }

        /** A new entry's amounts. */
        public static final org.bson.Document ZERO = new org.bson.Document(AUTHORIZED, 0L)
                .append(CAPTURED, 0L)
                .append(REFUNDED, 0L)
                .append(IN_FLIGHT, 0L)
                .append(DISPUTED, 0L);

        private PaymentEntry() {}
    }

    private OrderViewFields() {}
}
