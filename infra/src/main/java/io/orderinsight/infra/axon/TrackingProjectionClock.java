package io.orderinsight.infra.axon;

import io.orderinsight.query.Freshness;
import io.orderinsight.query.ProjectionClock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Freshness from the projections' streaming processors on this node (the lowest position any of their segments has
 * reached) and the event store's record times.
 */
public class TrackingProjectionClock implements ProjectionClock {

    private final EventProcessingConfiguration processors;
    private final JdbcTemplate jdbc;

    public TrackingProjectionClock(EventProcessingConfiguration processors, JdbcTemplate jdbc) {
        this.processors = processors;
        this.jdbc = jdbc;
    }

    @Override
    public Freshness freshnessOf(Collection<String> projections) {
        long position = projections.stream().mapToLong(this::positionOf).min().orElse(-1);
        Instant newest = recordedAt("SELECT timestamp FROM domainevententry ORDER BY globalindex DESC LIMIT 1");
        Instant reached = position < 0
                ? null
                : recordedAt(
                        "SELECT timestamp FROM domainevententry WHERE globalindex <= ? "
                                + "ORDER BY globalindex DESC LIMIT 1",
                        position);
        long lag = newest == null
                ? 0
                : reached == null ? newest.toEpochMilli() : newest.toEpochMilli() - reached.toEpochMilli();
        return new Freshness(Math.max(position, 0), reached, Math.max(lag, 0));
    }

    private long positionOf(String projection) {
        return processors
                .eventProcessor(projection, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .map(EventTrackerStatus::getCurrentPosition)
                        .mapToLong(current -> current.orElse(-1))
                        .min()
                        .orElse(-1))
                .orElse(-1L);
    }

    private Instant recordedAt(String sql, Object... args) {
        List<String> rows = jdbc.queryForList(sql, String.class, args);
        return rows.isEmpty() ? null : Instant.parse(rows.get(0));
    }
}
