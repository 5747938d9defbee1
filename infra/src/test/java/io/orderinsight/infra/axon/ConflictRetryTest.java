package io.orderinsight.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderinsight.projections.support.WriteBatch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real pooled processor whose claim interval is ten minutes, so that a segment it let go of after a failed batch comes
 * back within the test only if something claims it.
 */
class ConflictRetryTest {

    private static final SequencingPolicy<EventMessage<?>> BY_PAYLOAD = EventMessage::getPayload;

    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private PooledStreamingEventProcessor processor;

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutDown();
        }
        events.shutDown();
    }

    @Test
    void aSegmentWhoseBatchMetAWriteConflictIsClaimedBackAndItsBatchDeliveredAgain() {
        start(() -> new WriteBatch.ConcurrentWriteException("documents of views were written by another writer"));

        publish(20);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(handled).containsExactlyInAnyOrderElementsOf(names(20)));
        assertThat(processor.processingStatus()).containsOnlyKeys(0, 1);
    }

    @Test
    void anyOtherFailureLeavesTheSegmentToTheProcessorsBackOff() {
        start(() -> new IllegalStateException("the handler cannot take this event"));

        publish(20);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> processor.processingStatus().size() == 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> processor.processingStatus().size() == 1);
        assertThat(handled).doesNotContainAnyElementsOf(failingSegmentsEvents());
    }

    @Test
    void aConflictIsFoundAmongTheCausesOfAFailure() {
        assertThat(ConflictRetry.isConflict(
                        new IllegalStateException(new WriteBatch.ConcurrentWriteException("conflict"))))
                .isTrue();
        assertThat(ConflictRetry.isConflict(new IllegalStateException("no conflict")))
                .isFalse();
    }

    /** Starts a processor of two segments whose first event of segment 0 fails once with {@code failure}. */
    private void start(Supplier<RuntimeException> failure) {
        AtomicReference<RuntimeException> once = new AtomicReference<>();
        Object handler = new Object() {
            @EventHandler
            void on(String name) {
                if (segmentOf(name) == 0 && once.compareAndSet(null, failure.get())) {
                    throw once.get();
                }
                handled.add(name);
            }
        };
        AtomicReference<PooledStreamingEventProcessor> built = new AtomicReference<>();
        processor = PooledStreamingEventProcessor.builder()
                .name("views")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(handler)
                        .sequencingPolicy(BY_PAYLOAD)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .errorHandler(new ConflictRetry("views", () -> Optional.ofNullable(built.get()), BY_PAYLOAD))
                .messageSource(events)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .coordinatorExecutor(Executors.newSingleThreadScheduledExecutor())
                .workerExecutor(Executors.newScheduledThreadPool(2))
                .initialSegmentCount(2)
                .tokenClaimInterval(Duration.ofMinutes(10).toMillis())
                .build();
        built.set(processor);
        processor.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> processor.processingStatus().size() == 2);
    }

    private void publish(int count) {
        events.publish(
                names(count).stream().map(GenericEventMessage::asEventMessage).toList());
    }

    private static List<String> names(int count) {
        return IntStream.range(0, count).mapToObj(i -> "event-" + i).toList();
    }

    private List<String> failingSegmentsEvents() {
        return names(20).stream().filter(name -> segmentOf(name) == 0).toList();
    }

    /** The segment of two that takes {@code name} (Axon cuts segments by the low bits of the sequence's hash). */
    private static int segmentOf(String name) {
        return name.hashCode() & 1;
    }
}
