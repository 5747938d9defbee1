package io.orderinsight.infra.generations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderinsight.projections.*}: blue/green generations.
 *
 * @param watchInterval how often each node compares its processors with the pointer documents
 * @param retireAfter how long a retired generation's collections stay after the switch, so that readers that looked
 *     it up just before can finish; then they and its tokens are dropped
 * @param balanceInterval how often each node records its heartbeat and hands segments beyond its share to the other
 *     nodes ({@link SegmentBalancer})
 * @param catchUp how a processor far behind the head catches up before it runs ({@link PagedCatchUp})
 */
@ConfigurationProperties("orderinsight.projections")
public record GenerationSettings(
        @DefaultValue("PT1S") Duration watchInterval,
        @DefaultValue("PT30S") Duration retireAfter,
        @DefaultValue("PT5S") Duration balanceInterval,
        @DefaultValue CatchUp catchUp) {

    public GenerationSettings {
        if (retireAfter.compareTo(GenerationPointers.CACHE_FOR.multipliedBy(4)) < 0) {
            throw new IllegalArgumentException("orderinsight.projections.retire-after must be at least "
                    + GenerationPointers.CACHE_FOR.multipliedBy(4) + ", readers cache the live generation for "
                    + GenerationPointers.CACHE_FOR);
        }
    }

    /**
     * {@code orderinsight.projections.catch-up.*}.
     *
     * @param enabled whether a projection's processor that is far behind catches up in pages first
     * @param threshold how many events behind the head a processor must be for that
     * @param pageSize how many events a page holds: read, applied and written as one batch
     */
    public record CatchUp(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("20000") long threshold,
            @DefaultValue("5000") int pageSize) {

        public CatchUp {
            if (pageSize < 1 || threshold < 1) {
                throw new IllegalArgumentException(
                        "orderinsight.projections.catch-up.page-size and .threshold must be at least 1");
            }
        }
    }
}
