package io.orderinsight.infra.generations;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.orderinsight.infra.axon.TrackingProjectionClock;
import io.orderinsight.infra.generations.GenerationPointers.Pointer;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.ProjectionNames;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Shares each projection's segments among the nodes that run it. A pooled processor claims every segment nobody holds,
 * so the node that starts first would keep them all. Every node records a heartbeat in the shared MongoDB
 * ({@code processor_nodes}); a node holding more than its share of a generation's segments (their number ÷ the nodes
 * seen within three intervals, rounded up) releases the rest, and the other nodes' processors claim them on their next
 * look. A node that stops beating drops out of the count, and the others claim its segments once its claims expire.
 */
public class SegmentBalancer {

    public static final String NODES = "processor_nodes";
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final MongoCollection<Document> nodes;
    private final GenerationPointers pointers;
    private final GenerationProcessors processors;
    private final TrackingProjectionClock tokens;
    private final Clock clock;
    private final String node;
    private final Duration interval;

    public SegmentBalancer(
            MongoDatabase readModels,
            GenerationPointers pointers,
            GenerationProcessors processors,
            TrackingProjectionClock tokens,
            Clock clock,
            String node,
            Duration interval) {
        this.nodes = readModels.getCollection(NODES);
        this.pointers = pointers;
        this.processors = processors;
        this.tokens = tokens;
        this.clock = clock;
        this.node = node;
        this.interval = interval;
    }

    @Scheduled(
            fixedDelayString = "${orderinsight.projections.balance-interval:PT5S}",
            initialDelayString = "${orderinsight.projections.balance-interval:PT5S}")
    public void balance() {
        try {
            long live = beat();
            for (String projection : ProjectionNames.ALL) {
                Pointer pointer = pointers.read(projection);
                release(pointer.liveGeneration(), live);
                if (pointer.buildingGeneration() != null) {
                    release(pointer.buildingGeneration(), live);
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not balance the projections' segments: {}", e.toString());
        }
    }

    /** Records this node's heartbeat; how many nodes beat within the last three intervals (this one included). */
    long beat() {
        Date now = Date.from(clock.instant());
        nodes.replaceOne(
                Filters.eq("_id", node),
                new Document("_id", node).append("seenAt", now),
                new ReplaceOptions().upsert(true));
        Date since = Date.from(clock.instant().minus(interval.multipliedBy(3)));
        return Math.max(1, nodes.countDocuments(Filters.gte("seenAt", since)));
    }

    private void release(Generation generation, long liveNodes) {
        EventProcessor processor = processors.processorOf(generation);
        if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.isRunning()) {
            return;
        }
        int segments = tokens.segmentsOf(generation.processorName());
        long share = (segments + liveNodes - 1) / liveNodes;
        List<Integer> held = new ArrayList<>(streaming.processingStatus().keySet());
        held.sort(null);
        for (int i = (int) share; i < held.size(); i++) {
            log.info(
                    "{}: releasing segment {} ({} held, share {} of {} among {} nodes)",
                    generation.processorName(),
                    held.get(i),
                    held.size(),
                    share,
                    segments,
                    liveNodes);
            streaming.releaseSegment(held.get(i));
        }
    }
}
