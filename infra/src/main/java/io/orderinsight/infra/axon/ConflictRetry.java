package io.orderinsight.infra.axon;

import io.orderinsight.projections.support.WriteBatch;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error handler of the projections' processors. Every failed batch is rethrown, as with Axon's
 * {@link PropagatingErrorHandler}: the work package lets go of its segment and the batch is delivered again from the
 * stored token. After a write conflict ({@link WriteBatch.ConcurrentWriteException}: another writer changed a document
 * the batch read, which the design expects now and then) the segment is also claimed back as soon as the work package
 * has let go of it.
 *
 * <p>Left alone, the pooled processor waits out a back-off before it claims such a segment again: 1 s, doubled each
 * time its coordinator looks at the aborting work package before the abort is through (under load it looked ten times
 * within 250 ms, which reached its 60 s cap), and then up to its claim interval (5 s). One conflict held a segment of
 * the views 48 s behind in a command-path run. Claiming the segment explicitly clears that back-off; a failure that is
 * no conflict keeps it, as an outage of a store should.
 */
public final class ConflictRetry implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ConflictRetry.class);

    /** How long to leave the aborting work package to release its claim before the segment is claimed again. */
    static final long SETTLE_MILLIS = 100;

    private static final int TRIES = 50;

    private static final ScheduledExecutorService SCHEDULER = scheduler();

    private final String name;
    private final Supplier<Optional<StreamingEventProcessor>> processor;
    private final SequencingPolicy<? super EventMessage<?>> sequencing;

    /**
     * @param name the processor's name, for the log
     * @param processor the processor, looked up when a conflict comes (it does not exist yet when this is made)
     * @param sequencing the processor's sequencing policy: the failed events' segment is the held one that matches it
     */
    public ConflictRetry(
            String name,
            Supplier<Optional<StreamingEventProcessor>> processor,
            SequencingPolicy<? super EventMessage<?>> sequencing) {
        this.name = name;
        this.processor = processor;
        this.sequencing = sequencing;
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        if (isConflict(context.error()) && !context.failedEvents().isEmpty()) {
            processor
                    .get()
                    .ifPresent(streaming -> segmentOf(streaming, context.failedEvents())
                            .ifPresent(segment -> claimBack(streaming, segment, 0, false)));
        }
        PropagatingErrorHandler.instance().handleError(context);
    }

    /** Whether {@code failure}, or what caused it, is a batch's write meeting another writer's. */
    static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WriteBatch.ConcurrentWriteException) {
                return true;
            }
        }
        return false;
    }

    /** The held segment the events of the failed batch belong to (a work package's batch is of one segment). */
    private Optional<Integer> segmentOf(StreamingEventProcessor streaming, List<? extends EventMessage<?>> events) {
        Object sequence = sequencing.getSequenceIdentifierFor(events.get(0));
        return streaming.processingStatus().values().stream()
                .map(EventTrackerStatus::getSegment)
                .filter(segment -> segment.matches(sequence))
                .map(segment -> segment.getSegmentId())
                .findFirst();
    }

    /**
     * Claims {@code segment} back once its aborting work package is gone, and again until a new work package holds it.
     * The old one leaves the processing status when its abort is through and releases its claim right after; the
     * coordinator forgets it only on its next look (a claim before that is a no-op that reports success), and sets the
     * back-off then, which a claim after it clears.
     */
    private void claimBack(StreamingEventProcessor streaming, int segment, int tries, boolean asked) {
        SCHEDULER.schedule(
                () -> {
                    if (!streaming.isRunning()) {
                        return;
                    }
                    boolean held = streaming.processingStatus().containsKey(segment);
                    if (held && asked) {
                        log.info(
                                "{}: segment {} claimed back after a write conflict; its batch is delivered again",
                                name,
                                segment);
                        return;
                    }
                    if (tries >= TRIES) {
                        log.warn(
                                "{}: segment {} was not claimed back after a write conflict; the processor claims it "
                                        + "after its back-off",
                                name,
                                segment);
                        return;
                    }
                    if (held) {
                        claimBack(streaming, segment, tries + 1, false);
                        return;
                    }
                    streaming.claimSegment(segment).whenComplete((claimed, failure) -> {
                        if (failure != null) {
                            log.warn(
                                    "{}: could not claim segment {} back after a write conflict",
                                    name,
                                    segment,
                                    failure);
                        } else if (Boolean.TRUE.equals(claimed)) {
                            claimBack(streaming, segment, tries + 1, true);
                        } else {
                            log.info("{}: segment {} is held by another node after a write conflict", name, segment);
                        }
                    });
                },
                SETTLE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService scheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, work -> {
            Thread thread = new Thread(work, "conflict-retry");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
