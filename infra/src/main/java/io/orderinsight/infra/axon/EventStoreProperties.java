package io.orderinsight.infra.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderinsight.event-store.*}: tuning of the JDBC event store.
 *
 * @param batchSize events fetched per query by tracking processors and aggregate loads
 * @param gapTimeout milliseconds a gap in the global index is waited for before it is taken as a rolled-back insert
 * @param gapCleaningThreshold gaps a token may carry before the old ones are cleaned
 * @param maxGapOffset how far behind the newest index a gap is still tracked
 */
@ConfigurationProperties("orderinsight.event-store")
public record EventStoreProperties(
        @DefaultValue("500") int batchSize,
        @DefaultValue("60000") int gapTimeout,
        @DefaultValue("250") int gapCleaningThreshold,
        @DefaultValue("10000") int maxGapOffset) {}
