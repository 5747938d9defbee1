package io.orderinsight.infra.generations;

import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import io.orderinsight.infra.axon.TrackingProjectionClock;
import io.orderinsight.projections.support.CounterShards;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.ProjectionNames;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits and merges the segments of a projection's live generation: more segments to spread a projection over more
 * nodes and threads (a store made before the insight counters had several segments keeps its one until split), fewer
 * to give the threads back. Axon does the work (the node claims the segment if nobody holds it, divides or joins its
 * token, and the balancer then shares the segments out again); the insight counters stop at
 * {@link CounterShards#COUNT} segments, beyond which a shard would be cut between two.
 */
public class SegmentControl {

    private static final Logger log = LoggerFactory.getLogger(SegmentControl.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final GenerationPointers pointers;
    private final GenerationProcessors processors;
    private final TrackingProjectionClock tokens;

    public SegmentControl(
            GenerationPointers pointers, GenerationProcessors processors, TrackingProjectionClock tokens) {
        this.pointers = pointers;
        this.processors = processors;
        this.tokens = tokens;
    }

    /** What a split or merge did: the projection's segments afterwards, as the shared token store has them. */
    public record SegmentChange(
            String projection, String processor, String operation, int segment, List<Integer> segments) {}

    public SegmentChange split(String projection, int segment) {
        return change(projection, segment, "split");
    }

    public SegmentChange merge(String projection, int segment) {
        return change(projection, segment, "merge");
    }

    private SegmentChange change(String projection, int segment, String operation) {
        ProjectionCatalog.require(projection);
        Generation live = pointers.read(projection).liveGeneration();
        String name = live.processorName();
        List<Integer> before = tokens.segmentIdsOf(name);
        if (!before.contains(segment)) {
            throw new CommandRejectedException(
                    RejectionCode.VALIDATION_FAILED,
                    "segment",
                    name + " has no segment " + segment + "; its segments are " + before);
        }
        boolean split = operation.equals("split");
        if (split && projection.equals(ProjectionNames.INSIGHT) && before.size() >= CounterShards.COUNT) {
            throw new CommandRejectedException(
                    RejectionCode.INVALID_STATE,
                    name + " has " + before.size() + " segments, the most its counters' " + CounterShards.COUNT
                            + " shards allow");
        }
        if (!split && before.size() == 1) {
            throw new CommandRejectedException(
                    RejectionCode.INVALID_STATE, name + " has one segment: nothing to merge");
        }
        EventProcessor processor = processors.processorOf(live);
        if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.isRunning()) {
            throw new CommandRejectedException(
                    RejectionCode.INVALID_STATE, name + " does not run on this node: ask a node that runs it");
        }
        boolean done;
        try {
            done = (split ? streaming.splitSegment(segment) : streaming.mergeSegment(segment))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the " + operation, e);
        } catch (ExecutionException | TimeoutException e) {
            done = false;
            log.warn("{}: {} of segment {} failed: {}", name, operation, segment, String.valueOf(e.getCause()));
        }
        if (!done) {
            throw new CommandRejectedException(
                    RejectionCode.INVALID_STATE,
                    "segment " + segment + " of " + name + " could not be " + (split ? "split" : "merged")
                            + " on this node: another node holds it (or, for a merge, its sibling); ask that node");
        }
        List<Integer> after = tokens.segmentIdsOf(name);
        log.info(
                "{}: segment {} {} ({} segments before, {} now: {})",
                name,
                segment,
                split ? "split" : "merged",
                before.size(),
                after.size(),
                after);
        return new SegmentChange(projection, name, operation, segment, after);
    }
}
