package io.orderinsight.command.support;

/** Names of the beans the aggregates' {@code @Aggregate} annotations refer to. */
public final class AggregateSettings {

    public static final String SNAPSHOT_TRIGGER = "orderInsightSnapshotTrigger";

    private AggregateSettings() {
    }
}
