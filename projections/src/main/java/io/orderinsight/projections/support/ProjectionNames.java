package io.orderinsight.projections.support;

import java.util.List;

/**
 * The processing group of each projection; each one is a pooled streaming processor with its token in MongoDB, and the
 * unit of blue/green rebuild, drift check and dead letters.
 */
public final class ProjectionNames {

    /**
     * The order, payment, refund and risk views: handlers of one processor, so each event is read, decoded and
     * dispatched once for all of them, and each batch writes every view's documents before the one token moves.
     */
    public static final String VIEWS = "views";

    /** Insight counters: exactly-once increments, per shard of the stream ({@link CounterShards}). */
    public static final String INSIGHT = "insight";

    public static final List<String> ALL = List.of(VIEWS, INSIGHT);

    private ProjectionNames() {}
}
