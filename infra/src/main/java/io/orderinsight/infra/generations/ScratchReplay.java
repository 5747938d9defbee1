package io.orderinsight.infra.generations;

import io.orderinsight.projections.support.BatchedProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

/**
 * Replays stored history into projection instances of a scratch generation, on the calling thread, in global order
 * and in batches, through the same handlers and the same per-batch writes as their processors — for work that needs
 * a fresh copy up to a known point (a drift check) or history as it stood at a time (an as-of view), and then stops.
 * It can be resumed from where it stopped.
 */
public class ScratchReplay {

    private static final int BATCH = 500;
    private static final Duration WAIT = Duration.ofMillis(200);

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final List<Target> targets = new ArrayList<>();
    private TrackingToken reached;
    private long applied;

    public ScratchReplay(
            StreamableMessageSource<TrackedEventMessage<?>> events,
            ParameterResolverFactory parameters,
            List<BatchedProjection> projections) {
        this.events = events;
        for (BatchedProjection projection : projections) {
            targets.add(new Target(
                    SimpleEventHandlerInvoker.builder()
                            .eventHandlers(projection.handlers())
                            .parameterResolverFactory(parameters)
                            .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                            .build(),
                    projection.flushAtEndOfBatch()));
        }
    }

    /**
     * Applies the stored events after where the last call stopped, up to global index {@code until}, that
     * {@code include} accepts; stops early at the first event recorded after {@code stopAfter} (null: never).
     *
     * @param progress told the global index reached after each batch
     * @return how many events were applied over all calls
     */
    public long replay(long until, Predicate<EventMessage<?>> include, Instant stopAfter, LongConsumer progress) {
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(reached)) {
            List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
            while (stream.hasNextAvailable((int) WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> next = stream.peek().orElseThrow();
                long index = next.trackingToken().position().orElse(Long.MAX_VALUE);
                if (index > until || (stopAfter != null && next.getTimestamp().isAfter(stopAfter))) {
                    break;
                }
                stream.nextAvailable();
                reached = next.trackingToken();
                if (include.test(next)) {
                    batch.add(next);
                }
                if (batch.size() == BATCH) {
                    apply(batch);
                    progress.accept(index);
                }
            }
            apply(batch);
            return applied;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
    }

    private void apply(List<TrackedEventMessage<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
        unitOfWork.executeWithResult(
                () -> {
                    EventMessage<?> message = unitOfWork.getMessage();
                    for (Target target : targets) {
                        new DefaultInterceptorChain<>(unitOfWork, List.of(target.flush()), event -> {
                                    target.invoker().handle(event, Segment.ROOT_SEGMENT);
                                    return null;
                                })
                                .proceed();
                    }
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);
        if (unitOfWork.getExecutionResult().isExceptionResult()) {
            throw new IllegalStateException(
                    "replay failed", unitOfWork.getExecutionResult().getExceptionResult());
        }
        applied += batch.size();
        batch.clear();
    }

    private record Target(SimpleEventHandlerInvoker invoker, MessageHandlerInterceptor<EventMessage<?>> flush) {}
}
