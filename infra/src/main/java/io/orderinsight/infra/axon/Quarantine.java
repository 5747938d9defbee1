package io.orderinsight.infra.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.orderinsight.projections.support.ProjectionNames;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The events the projections set aside because handling them failed (Axon's sequenced dead-letter queue in
 * PostgreSQL, shared by every node): counted per projection for answers' freshness, for health ({@code quarantine}:
 * QUARANTINED with the counts while any are set aside; the node still serves) and as the gauge {@code
 * orderinsight.projections.quarantined}.
 */
public class Quarantine implements HealthIndicator, MeterBinder {

    public static final Status QUARANTINED =
            new Status("QUARANTINED", "events set aside; see /api/v1/admin/dead-letters");

    private final JdbcTemplate jdbc;

    public Quarantine(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many events these projections have set aside, their rebuilt generations' included. */
    public long count(Collection<String> projections) {
        Map<String, Long> counts = counts();
        return projections.stream()
                .mapToLong(projection -> counts.getOrDefault(projection, 0L))
                .sum();
    }

    /** Per projection: the events set aside by its processing group and by generations rebuilt beside it. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        ProjectionNames.ALL.forEach(projection -> counts.put(projection, 0L));
        jdbc.query("SELECT processinggroup, count(*) AS letters FROM deadletterentry GROUP BY processinggroup", row -> {
            String group = row.getString("processinggroup");
            int generation = group.indexOf('@');
            String projection = generation < 0 ? group : group.substring(0, generation);
            counts.merge(projection, row.getLong("letters"), Long::sum);
        });
        return counts;
    }

    @Override
    public Health health() {
        Map<String, Long> counts = counts();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return Health.status(total == 0 ? Status.UP : QUARANTINED)
                .withDetail("quarantined", total)
                .withDetails(new LinkedHashMap<>(counts))
                .build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String projection : ProjectionNames.ALL) {
            Gauge.builder(
                            "orderinsight.projections.quarantined",
                            this,
                            quarantine -> quarantine.counts().getOrDefault(projection, 0L))
                    .tag("projection", projection)
                    .description("events the projection set aside because handling them failed")
                    .register(registry);
        }
    }
}
