package io.orderinsight.command.support;

/** Names of the beans the aggregates' {@code @Aggregate} annotations refer to. */
public final class AggregateSettings {

    public static final String SNAPSHOT_TRIGGER = "orderInsightSnapshotTrigger";
    /** One cache per aggregate type: Axon keys a cache by id alone. */
    public static final String ORDER_CACHE = "orderCache";

    public static final String PAYMENT_CACHE = "paymentCache";
    public static final String REFUND_CACHE = "refundCache";

    private AggregateSettings() {}
}
