package io.orderinsight.infra.postgres;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.orderinsight.command.api.WriteAvailability;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Health component {@code writes}: UP while the event store takes commands, DEGRADED while the node is read-only
 * ({@link WriteAvailability}: no writable primary), with since when and why. DEGRADED answers HTTP 200 and ranks
 * between DOWN and UP in the node's health: the node serves queries, the stream, audits and the dashboard meanwhile,
 * so a load balancer keeps sending it reads. The gauge {@code orderinsight.writes.read-only} is 1 while read-only.
 */
public final class WritesHealth implements HealthIndicator, MeterBinder {

    public static final Status DEGRADED =
            new Status("DEGRADED", "read-only: no writable primary; commands are refused, reads are served");

    private final WriteAvailability writes;

    public WritesHealth(WriteAvailability writes) {
        this.writes = writes;
    }

    @Override
    public Health health() {
        return writes.readOnly()
                .map(readOnly -> Health.status(DEGRADED)
                        .withDetail("readOnlySince", readOnly.since().toString())
                        .withDetail("reason", readOnly.reason())
                        .build())
                .orElseGet(() -> Health.up().build());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("orderinsight.writes.read-only", writes, w -> w.readOnly().isPresent() ? 1 : 0)
                .description("1 while the node refuses commands because its database takes no writes")
                .register(registry);
    }
}
