package io.orderinsight.infra.generations;

import io.orderinsight.audit.jobs.Jobs;
import io.orderinsight.audit.jobs.Progress;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import io.orderinsight.infra.generations.GenerationPointers.Pointer;
import io.orderinsight.projections.support.Generation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Blue/green rebuilds: reserves the projection's next generation in its pointer document (409
 * {@code REBUILD_IN_PROGRESS} while one is reserved), lets {@link GenerationProcessors} run it on every node, and
 * follows it as a job until readers have been switched over to it.
 */
public class ProjectionRebuilds {

    public static final String KIND = "projection-rebuild";

    private static final Duration POLL = Duration.ofMillis(250);

    private final Jobs jobs;
    private final GenerationPointers pointers;
    private final GenerationProcessors processors;
    private final Clock clock;

    public ProjectionRebuilds(Jobs jobs, GenerationPointers pointers, GenerationProcessors processors, Clock clock) {
        this.jobs = jobs;
        this.pointers = pointers;
        this.processors = processors;
        this.clock = clock;
    }

    /**
     * @param events how many positions of the event stream the new generation went through
     * @param eventsPerSecond {@code events} over the seconds from the start to the switch
     */
    public record RebuildResult(
            String projection,
            int generation,
            int previousGeneration,
            long events,
            double seconds,
            double eventsPerSecond,
            Instant switchedAt) {}

    /** Starts a rebuild of {@code projection} and answers its job id. */
    public String start(String projection) {
        ProjectionCatalog.require(projection);
        int previous = pointers.read(projection).live();
        Generation building = pointers.beginBuilding(projection, processors.head());
        if (building == null) {
            Pointer pointer = pointers.read(projection);
            throw new CommandRejectedException(
                    RejectionCode.REBUILD_IN_PROGRESS,
                    "a rebuild of " + projection + " is already running (generation " + pointer.building()
                            + (pointer.job() == null ? "" : ", job " + pointer.job()) + ")");
        }
        String jobId;
        try {
            jobId = jobs.start(
                    KIND,
                    projection,
                    Map.of("projection", projection, "generation", building.number()),
                    null,
                    progress -> follow(building, previous, progress));
        } catch (RuntimeException e) {
            pointers.abandon(building);
            throw e;
        }
        pointers.attachJob(building, jobId);
        processors.reconcile(projection);
        return jobId;
    }

    private RebuildResult follow(Generation building, int previous, Progress progress) {
        Instant started = clock.instant();
        while (true) {
            Pointer pointer = pointers.read(building.projection());
            long reached = Math.max(processors.positionOf(building) + 1, 0);
            progress.total(Math.max(processors.head() + 1, reached));
            progress.done(reached);
            if (pointer.live() == building.number()) {
                Instant switched = clock.instant();
                double seconds = Math.max(Duration.between(started, switched).toMillis() / 1000.0, 0.001);
                return new RebuildResult(
                        building.projection(),
                        building.number(),
                        previous,
                        reached,
                        seconds,
                        Math.round(reached / seconds * 10) / 10.0,
                        switched);
            }
            if (!Objects.equals(pointer.building(), building.number())) {
                throw new IllegalStateException("generation " + building.number() + " of " + building.projection()
                        + " is no longer being built");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while following the rebuild", e);
            }
        }
    }
}
