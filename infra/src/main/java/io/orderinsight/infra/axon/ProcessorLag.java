package io.orderinsight.infra.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How far every streaming processor of this node is behind the event store — the read models, the fraud rules and
 * deadlines, the audit's chain and index, the Kafka publisher, and generations being rebuilt: the lowest position of
 * the segments this node processes, how many events the head is ahead of it, and how much later the head was recorded
 * than the event there. Measured once for all processors (one look at the head, one at the events they stand at).
 * Also the gauges {@code orderinsight.processor.lag} (milliseconds) and {@code orderinsight.processor.behind} (events),
 * tagged with the processor's name.
 */
public class ProcessorLag implements MeterBinder {

    /** Gauges of every processor read one measurement: scrapes come all at once. */
    private static final long REUSE_FOR_NANOS = 1_000_000_000L;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private volatile Measured last;

    public ProcessorLag(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    private record Measured(long at, List<Lag> lags) {}

    /**
     * @param status RUNNING, ERROR (a segment failed and is being retried) or STOPPED on this node
     * @param segments the segments this node processes
     * @param position the lowest position of those segments, -1 before any has processed an event
     * @param behind how many global positions the head is ahead of {@code position}
     * @param lagMs how much later the head was recorded than the event at {@code position}
     */
    public record Lag(String name, String status, int segments, long position, long behind, long lagMs) {}

    public List<Lag> measure() {
        Map<String, OptionalLong> positions = new HashMap<>();
        Map<String, EventProcessor> processors = processing.eventProcessors();
        processors.forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                positions.put(name, lowest(streaming.processingStatus().values()));
            }
        });
        Head head = head();
        Set<Long> standing = new TreeSet<>();
        positions.values().forEach(position -> position.ifPresent(standing::add));
        Map<Long, Instant> recorded = recordedAt(standing);
        List<Lag> lags = new ArrayList<>();
        new TreeSet<>(positions.keySet()).forEach(name -> {
            EventProcessor processor = processors.get(name);
            OptionalLong position = positions.get(name);
            String status = statusOf(processor);
            int segments =
                    ((StreamingEventProcessor) processor).processingStatus().size();
            long at = position.orElse(-1);
            long behind = head.index() < 0 ? 0 : Math.max(0, head.index() - at);
            Instant reached = recordedAt(recorded, at);
            long lagMs = behind == 0 || head.recorded() == null
                    ? 0
                    : reached == null
                            ? Math.max(
                                    0,
                                    head.recorded().toEpochMilli()
                                            - head.first().toEpochMilli())
                            : Math.max(0, head.recorded().toEpochMilli() - reached.toEpochMilli());
            lags.add(new Lag(name, status, segments, at, behind, lagMs));
        });
        return lags;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : processing.eventProcessors().keySet()) {
            Gauge.builder(
                            "orderinsight.processor.lag",
                            this,
                            lag -> of(lag.recent(), name).lagMs())
                    .tag("processor", name)
                    .baseUnit("milliseconds")
                    .description("how much later the newest event was recorded than the one the processor stands at")
                    .register(registry);
            Gauge.builder(
                            "orderinsight.processor.behind",
                            this,
                            lag -> of(lag.recent(), name).behind())
                    .tag("processor", name)
                    .baseUnit("events")
                    .description("how many global positions the newest event is ahead of the processor")
                    .register(registry);
        }
    }

    private List<Lag> recent() {
        Measured measured = last;
        long now = System.nanoTime();
        if (measured == null || now - measured.at() > REUSE_FOR_NANOS) {
            measured = new Measured(now, measure());
            last = measured;
        }
        return measured.lags();
    }

    /** RUNNING, ERROR (a segment failed and is being retried) or STOPPED (also for a processor not on this node). */
    public static String statusOf(EventProcessor processor) {
        return processor == null || !processor.isRunning() ? "STOPPED" : processor.isError() ? "ERROR" : "RUNNING";
    }

    private static Lag of(List<Lag> lags, String name) {
        return lags.stream()
                .filter(lag -> lag.name().equals(name))
                .findFirst()
                .orElse(new Lag(name, "STOPPED", 0, -1, 0, 0));
    }

    private static OptionalLong lowest(Iterable<EventTrackerStatus> segments) {
        long lowest = Long.MAX_VALUE;
        boolean any = false;
        for (EventTrackerStatus segment : segments) {
            any = true;
            OptionalLong position = segment.getCurrentPosition();
            if (position.isEmpty()) {
                return OptionalLong.empty();
            }
            lowest = Math.min(lowest, position.getAsLong());
        }
        return any ? OptionalLong.of(lowest) : OptionalLong.empty();
    }

    /** The newest event's index and record time, and the first event's time (for a processor at the start). */
    private record Head(long index, Instant recorded, Instant first) {}

    private Head head() {
        List<Head> rows = jdbc.query(
                "SELECT globalindex, timestamp, (SELECT timestamp FROM domainevententry ORDER BY globalindex LIMIT 1)"
                        + " AS first FROM domainevententry ORDER BY globalindex DESC LIMIT 1",
                (row, n) -> new Head(
                        row.getLong("globalindex"),
                        Instant.parse(row.getString("timestamp")),
                        Instant.parse(row.getString("first"))));
        return rows.isEmpty() ? new Head(-1, null, null) : rows.get(0);
    }

    /** The record time of the event at or just below each position (a position may fall in a gap). */
    private Map<Long, Instant> recordedAt(Set<Long> positions) {
        Map<Long, Instant> recorded = new HashMap<>();
        for (long position : positions) {
            jdbc.query(
                    "SELECT timestamp FROM domainevententry WHERE globalindex <= ? ORDER BY globalindex DESC LIMIT 1",
                    row -> {
                        recorded.put(position, Instant.parse(row.getString("timestamp")));
                    },
                    position);
        }
        return recorded;
    }

    private static Instant recordedAt(Map<Long, Instant> recorded, long position) {
        return position < 0 ? null : recorded.get(position);
    }
}
