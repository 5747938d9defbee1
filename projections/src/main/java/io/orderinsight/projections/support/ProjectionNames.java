package io.orderinsight.projections.support;

import java.util.List;

/** The processing group of each projection; each one is a pooled streaming processor with its token in MongoDB. */
public final class ProjectionNames {

    public static final String ORDER_VIEWS = "order-views";
    public static final String PAYMENT_VIEWS = "payment-views";
    public static final String REFUND_VIEWS = "refund-views";

    /** Insight counters: exactly-once increments, per shard of the stream ({@link CounterShards}). */
    public static final String INSIGHT = "insight";

    /** Alerts, rule versions and customer restrictions, each document following one aggregate. */
    public static final String RISK_VIEWS = "risk-views";

    public static final List<String> ALL = List.of(ORDER_VIEWS, PAYMENT_VIEWS, REFUND_VIEWS, INSIGHT, RISK_VIEWS);

    private ProjectionNames() {}
}
