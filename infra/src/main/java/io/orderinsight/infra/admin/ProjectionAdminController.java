package io.orderinsight.infra.admin;

import io.orderinsight.audit.jobs.JobAccepted;
import io.orderinsight.infra.axon.ProcessorLag;
import io.orderinsight.infra.generations.DriftCheck;
import io.orderinsight.infra.generations.GenerationPointers;
import io.orderinsight.infra.generations.GenerationPointers.Pointer;
import io.orderinsight.infra.generations.GenerationProcessors;
import io.orderinsight.infra.generations.ProjectionCatalog;
import io.orderinsight.infra.generations.ProjectionRebuilds;
import io.orderinsight.infra.generations.SegmentControl;
import io.orderinsight.infra.generations.SegmentControl.SegmentChange;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.query.Freshness;
import io.orderinsight.query.ProjectionClock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-model projections: {@code GET /api/v1/admin/projections} lists each with its live generation's processor
 * status on this node, the position all its segments have passed (read from the shared token store, so the same on
 * every node), its lag, its replay progress, and the generation being rebuilt, if any; {@code POST …/{name}/rebuild}
 * starts a blue/green rebuild and {@code POST …/{name}/drift} a drift check, each a job; {@code POST
 * …/{name}/segments/{segment}/split} and {@code …/merge} change how many segments the live generation runs
 * ({@link SegmentControl}).
 */
@RestController
@RequestMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProjectionAdminController {

    private final GenerationProcessors processors;
    private final GenerationPointers pointers;
    private final ProjectionRebuilds rebuilds;
    private final DriftCheck drift;
    private final ProjectionClock clock;
    private final SegmentControl segments;

    public ProjectionAdminController(
            GenerationProcessors processors,
            GenerationPointers pointers,
            ProjectionRebuilds rebuilds,
            DriftCheck drift,
            ProjectionClock clock,
            SegmentControl segments) {
        this.processors = processors;
        this.pointers = pointers;
        this.rebuilds = rebuilds;
        this.drift = drift;
        this.clock = clock;
        this.segments = segments;
    }

    /**
     * @param replaying whether any segment is replaying; {@code position} and {@code until} are where the replay
     *     stands and where it ends, when known
     */
    public record Replay(boolean replaying, Long position, Long until) {}

    /**
     * A generation being built beside the live one.
     *
     * @param position the lowest position its segments have reached, -1 before they have any
     * @param head the highest position stored
     */
    public record Rebuild(int generation, String jobId, long position, long head) {}

    /**
     * @param status RUNNING, ERROR (a segment failed and is being retried), STOPPED on this node, or CATCHING_UP (in
     *     pages, before its processor takes over: {@code position} shows how far)
     * @param segments the segments this node processes
     * @param rebuild the generation being rebuilt, or null
     */
    public record ProjectionView(
            String name,
            String status,
            int generation,
            long position,
            long lagMs,
            int segments,
            Replay replay,
            Rebuild rebuild) {}

    public record Projections(List<ProjectionView> items) {}

    /** The status of a projection whose processor waits for a catch-up in pages on this node. */
    static final String CATCHING_UP = "CATCHING_UP";

    @GetMapping
    public Projections list() {
        List<ProjectionView> items = new ArrayList<>();
        for (String name : ProjectionNames.ALL) {
            Pointer pointer = pointers.read(name);
            EventProcessor processor = processors.processorOf(pointer.liveGeneration());
            Freshness freshness = clock.freshnessOf(List.of(name));
            String status =
                    processors.catchingUp(pointer.liveGeneration()) ? CATCHING_UP : ProcessorLag.statusOf(processor);
            int segments = 0;
            boolean replaying = false;
            Long replayPosition = null;
            Long replayUntil = null;
            if (processor instanceof StreamingEventProcessor streaming) {
                for (EventTrackerStatus segment : streaming.processingStatus().values()) {
                    segments++;
                    if (segment.isReplaying()) {
                        replaying = true;
                        replayPosition = value(segment.getCurrentPosition());
                        replayUntil = value(segment.getResetPosition());
                    }
                }
            }
            Generation building = pointer.buildingGeneration();
            items.add(new ProjectionView(
                    name,
                    status,
                    pointer.live(),
                    freshness.position(),
                    freshness.lagMs(),
                    segments,
                    new Replay(replaying, replayPosition, replayUntil),
                    building == null
                            ? null
                            : new Rebuild(
                                    building.number(),
                                    pointer.job(),
                                    processors.positionOf(building),
                                    processors.head())));
        }
        return new Projections(items);
    }

    /** 202 and the rebuild's job; 404 for an unknown projection, 409 {@code REBUILD_IN_PROGRESS} while one runs. */
    @PostMapping("/{name}/rebuild")
    public ResponseEntity<JobAccepted> rebuild(@PathVariable String name) {
        return JobAccepted.of(rebuilds.start(ProjectionCatalog.require(name)));
    }

    /** 202 and the drift check's job; 404 for an unknown projection. */
    @PostMapping("/{name}/drift")
    public ResponseEntity<JobAccepted> drift(@PathVariable String name) {
        return JobAccepted.of(drift.start(ProjectionCatalog.require(name)));
    }

    /**
     * Splits a segment of the projection's live generation in two; 400 for a segment it does not have, 409
     * {@code INVALID_STATE} when this node cannot (another holds the segment, or the counters are at their most).
     */
    @PostMapping("/{name}/segments/{segment}/split")
    public SegmentChange split(@PathVariable String name, @PathVariable int segment) {
        return segments.split(name, segment);
    }

    /** Merges a segment with its sibling; the same answers as a split. */
    @PostMapping("/{name}/segments/{segment}/merge")
    public SegmentChange merge(@PathVariable String name, @PathVariable int segment) {
        return segments.merge(name, segment);
    }

    private static Long value(OptionalLong position) {
        return position.isPresent() ? position.getAsLong() : null;
    }
}
