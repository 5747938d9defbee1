package io.orderinsight.infra.mongo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.util.unit.DataSize;

/**
 * Whether the read models fit in this node's heap. With the embedded MongoDB's memory backend every read-model
 * document lives on the Java heap, and its size grows with the events stored: {@code
 * orderinsight.mongo.embedded.heap-per-million-events} (measured, see BENCHMARKS.md) times the events in the store,
 * against the heap the JVM may use ({@code -Xmx}). Checked at start, before the projections catch up, so that a node
 * whose read models will not fit says so (a warning in the log with the figures and the choices) instead of failing
 * later with {@code OutOfMemoryError}; and shown by health ({@code readModelMemory}: {@code HEAP_SHORT} while they
 * would not fit, with the same figures). The file backend and an external MongoDB keep the read models off the heap.
 */
public final class ReadModelMemory implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ReadModelMemory.class);

    /** The share of the heap the read models may take: the rest is the application's own working memory. */
    static final double SHARE = 0.75;

    static final Status HEAP_SHORT =
            new Status("HEAP_SHORT", "the read models of the events stored would not fit in the heap; see the choices");

    static final List<String> CHOICES = List.of(
            "more heap (-Xmx)",
            "the file backend (orderinsight.mongo.embedded.backend=file)",
            "an external MongoDB (spring.data.mongodb.uri)");

    private final String backend;
    private final boolean onHeap;
    private final DataSize perMillionEvents;
    private final long maxHeap;
    private final LongSupplier storedEvents;

    /**
     * @param backend where the read models are kept: {@code memory}, {@code file} or {@code external}
     * @param perMillionEvents the heap the memory backend's read models take per million stored events
     * @param maxHeap the most heap the JVM may use, in bytes
     * @param storedEvents how many events the store holds (its head position)
     */
    public ReadModelMemory(String backend, DataSize perMillionEvents, long maxHeap, LongSupplier storedEvents) {
        this.backend = backend;
        this.onHeap = "memory".equals(backend);
        this.perMillionEvents = perMillionEvents;
        this.maxHeap = maxHeap;
        this.storedEvents = storedEvents;
    }

    /** The figures now: the events stored and, on the heap, what their read models need against what they may take. */
    record Estimate(long events, long needed, long allowed) {

        boolean fits() {
            return needed <= allowed;
        }
    }

    Estimate estimate() {
        long events = Math.max(0, storedEvents.getAsLong());
        long needed = onHeap ? Math.round(events / 1e6 * perMillionEvents.toBytes()) : 0;
        return new Estimate(events, needed, Math.round(maxHeap * SHARE));
    }

    /**
     * At start: says in the log whether the read models of the events stored fit. An event store that cannot be asked
     * yet (an Axon Server not reachable) does not stop the start: the log says so, and health tells later.
     */
    public ReadModelMemory checkAtStart() {
        Estimate estimate;
        try {
            estimate = estimate();
        } catch (RuntimeException e) {
            log.warn(
                    "cannot tell yet whether the read models fit in the heap: the event store did not say how many"
                            + " events it holds ({})",
                    e.toString());
            return this;
        }
        if (!onHeap) {
            log.info("read models kept off the heap ({} backend); {} events stored", backend, estimate.events());
        } else if (estimate.fits()) {
            log.info(
                    "read models of the {} events stored need about {} MiB of heap, of {} MiB they may take"
                            + " ({} of -Xmx {} MiB)",
                    estimate.events(),
                    mib(estimate.needed()),
                    mib(estimate.allowed()),
                    SHARE,
                    mib(maxHeap));
        } else {
            log.warn(
                    "the read models of the {} events stored need about {} MiB of heap ({} MiB per million events), more"
                            + " than the {} MiB they may take ({} of -Xmx {} MiB): this node would run out of memory"
                            + " while it builds them. Choices: {}",
                    estimate.events(),
                    mib(estimate.needed()),
                    mib(perMillionEvents.toBytes()),
                    mib(estimate.allowed()),
                    SHARE,
                    mib(maxHeap),
                    String.join("; ", CHOICES));
        }
        return this;
    }

    @Override
    public Health health() {
        Estimate estimate;
        try {
            estimate = estimate();
        } catch (RuntimeException e) {
            return Health.unknown()
                    .withDetail("backend", backend)
                    .withDetail("reason", "the event store did not say how many events it holds: " + e)
                    .build();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backend", backend);
        details.put("storedEvents", estimate.events());
        if (onHeap) {
            details.put("heapPerMillionEventsMiB", mib(perMillionEvents.toBytes()));
            details.put("neededMiB", mib(estimate.needed()));
            details.put("allowedMiB", mib(estimate.allowed()));
            details.put("maxHeapMiB", mib(maxHeap));
            if (!estimate.fits()) {
                details.put("choices", CHOICES);
            }
        }
        return Health.status(onHeap && !estimate.fits() ? HEAP_SHORT : Status.UP)
                .withDetails(details)
                .build();
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
