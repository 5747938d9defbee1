package io.orderinsight.infra.axon;

import io.orderinsight.projections.support.StreamPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.SubscribableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The event store as the projections' processors read it, telling them as soon as there is something to read. A
 * pooled streaming processor whose stream cannot report new events looks for them every 500 ms, and the embedded
 * event store's streams cannot; so a command's events became visible in the views about half a second after it was
 * accepted. This source reports every commit of events on this node right after it, and keeps asking the processors
 * to look every {@code orderinsight.projections.poll-interval} for events committed by other nodes.
 */
public class ProjectionEventSource
        implements StreamableMessageSource<TrackedEventMessage<?>>, SubscribableMessageSource<EventMessage<?>> {

    private static final String SIGNAL_REGISTERED = ProjectionEventSource.class.getName() + ".signal";

    private final EventStore store;
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();

    public ProjectionEventSource(EventStore store) {
        this.store = store;
        store.registerDispatchInterceptor(new SignalAfterCommit());
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new SignallingStream(store.openStream(trackingToken), trackingToken);
    }

    /** For a processor switched to subscribing mode: the store's own subscription. */
    @Override
    public Registration subscribe(java.util.function.Consumer<List<? extends EventMessage<?>>> messageProcessor) {
        return store.subscribe(messageProcessor);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    /** Events may have been committed elsewhere: every open stream's processor looks again. */
    @Scheduled(fixedDelayString = "${orderinsight.projections.poll-interval:PT0.5S}")
    public void signal() {
        listeners.forEach(Runnable::run);
    }

    /** Signals once the unit of work that published events has committed them (at once without one). */
    private final class SignalAfterCommit implements MessageDispatchInterceptor<EventMessage<?>> {

        @Override
        public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
            if (CurrentUnitOfWork.isStarted()) {
                var root = CurrentUnitOfWork.get().root();
                if (root.resources().putIfAbsent(SIGNAL_REGISTERED, Boolean.TRUE) == null) {
                    root.afterCommit(unitOfWork -> signal());
                }
            }
            return (index, message) -> message;
        }
    }

    private final class SignallingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private Runnable listener;
        /** The token of the last message handed out: the next one's own index is worked out against it. */
        private TrackingToken previous;

        private SignallingStream(BlockingStream<TrackedEventMessage<?>> delegate, TrackingToken start) {
            this.delegate = delegate;
            this.previous = start;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            delegate.setOnAvailableCallback(callback);
            if (listener != null) {
                listeners.remove(listener);
            }
            listener = callback;
            listeners.add(callback);
            return true;
        }

        /**
         * The next message as the store has it: a pooled processor peeks only to compare its token with the last one
         * handed out, so the own index (which deserializes the metadata to add to it) waits for {@link #nextAvailable}.
         */
        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return delegate.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> message = delegate.nextAvailable();
            TrackedEventMessage<?> indexed = StreamPosition.withOwnIndex(previous, message);
            previous = message.trackingToken();
            return indexed;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            if (listener != null) {
                listeners.remove(listener);
            }
            delegate.close();
        }
    }
}
