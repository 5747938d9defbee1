package io.orderinsight.infra.admin;

import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.query.Freshness;
import io.orderinsight.query.ProjectionClock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/projections}: each read-model projection with its processor's status on this node, its
 * generation, the position all its segments have passed (read from the shared token store, so the same on every
 * node), its lag, and its replay progress when it is replaying.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProjectionAdminController {

    /** The generation every projection serves until a blue/green rebuild makes a new one. */
    static final int LIVE_GENERATION = 1;

    private final EventProcessingConfiguration processing;
    private final ProjectionClock clock;

    public ProjectionAdminController(EventProcessingConfiguration processing, ProjectionClock clock) {
        this.processing = processing;
        this.clock = clock;
    }

    /**
     * @param replaying whether any segment is replaying; {@code position} and {@code until} are where the replay
     *     stands and where it ends, when known
     */
    public record Replay(boolean replaying, Long position, Long until) {}

    /**
     * @param status RUNNING, ERROR (a segment failed and is being retried), or STOPPED on this node
     * @param segments the segments this node processes
     */
    public record ProjectionView(
            String name, String status, int generation, long position, long lagMs, int segments, Replay replay) {}

    public record Projections(List<ProjectionView> items) {}

    @GetMapping
    public Projections list() {
        List<ProjectionView> items = new ArrayList<>();
        for (String name : ProjectionNames.ALL) {
            EventProcessor processor = processing.eventProcessor(name).orElse(null);
            Freshness freshness = clock.freshnessOf(List.of(name));
            String status =
                    processor == null || !processor.isRunning() ? "STOPPED" : processor.isError() ? "ERROR" : "RUNNING";
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
            items.add(new ProjectionView(
                    name,
                    status,
                    LIVE_GENERATION,
                    freshness.position(),
                    freshness.lagMs(),
                    segments,
                    new Replay(replaying, replayPosition, replayUntil)));
        }
        return new Projections(items);
    }

    private static Long value(OptionalLong position) {
        return position.isPresent() ? position.getAsLong() : null;
    }
}
