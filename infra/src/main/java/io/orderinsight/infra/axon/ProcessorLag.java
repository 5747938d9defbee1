package io.orderinsight.infra.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
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
 * the segments this node processes, how many events the head is ahead of it, and how long the oldest event it has not
 * handled yet has been waiting (now − the record time of the first event after its position; 0 once it has handled
 * the head). Measured once for all processors (one look at the head, one at the first event past each position).
 * Waiting time rather than the head's time minus that of the event a processor stands at: after a quiet spell the
 * latter reads as the length of the quiet spell the moment new events arrive, however quickly they are handled.
 * Also the gauges {@code orderinsight.processor.lag} (milliseconds) and {@code orderinsight.processor.behind} (events),
 * tagged with the processor's name.
 */
public class ProcessorLag implements MeterBinder {

    /** Gauges of every processor read one measurement: scrapes come all at once. */
    private static final long REUSE_FOR_NANOS = 1_000_000_000L;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private volatile Measured last;

    private final Clock clock;

    public ProcessorLag(EventProcessingConfiguration processing, JdbcTemplate jdbc, Clock clock) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Measured(long at, List<Lag> lags) {}

    /**
     * @param status RUNNING, ERROR (a segment failed and is being retried) or STOPPED on this node
     * @param segments the segments this node processes
     * @param position the lowest position of those segments, -1 before any has processed an event
     * @param behind how many global positions the head is ahead of {@code position}
     * @param lagMs how long the first event after {@code position} has been waiting (0 when nothing is)
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
        long head = head();
        Set<Long> standing = new TreeSet<>();
        positions.values().forEach(position -> standing.add(position.orElse(-1)));
        Map<Long, Instant> waiting = firstRecordedAfter(standing);
        long now = clock.millis();
        List<Lag> lags = new ArrayList<>();
        new TreeSet<>(positions.keySet()).forEach(name -> {
            EventProcessor processor = processors.get(name);
            OptionalLong position = positions.get(name);
            String status = statusOf(processor);
            int segments =
                    ((StreamingEventProcessor) processor).processingStatus().size();
            long at = position.orElse(-1);
            long behind = head < 0 ? 0 : Math.max(0, head - at);
            Instant oldest = behind == 0 ? null : waiting.get(at);
            long lagMs = oldest == null ? 0 : Math.max(0, now - oldest.toEpochMilli());
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
                    .description("how long the oldest event the processor has not handled yet has been waiting")
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

    /** The newest event's global index, -1 if there is none. */
    private long head() {
        List<Long> rows = jdbc.queryForList(
                "SELECT globalindex FROM domainevententry ORDER BY globalindex DESC LIMIT 1", Long.class);
        return rows.isEmpty() ? -1 : rows.get(0);
    }

    /** The record time of the first event after each position (-1: of the first event of all), if there is one. */
    private Map<Long, Instant> firstRecordedAfter(Set<Long> positions) {
        Map<Long, Instant> recorded = new HashMap<>();
        for (long position : positions) {
            jdbc.query(
                    "SELECT timestamp FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT 1",
                    row -> {
                        recorded.put(position, Instant.parse(row.getString("timestamp")));
                    },
                    position);
        }
        return recorded;
    }
}
