package io.orderinsight.infra.generations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A catch-up in pages whose segments stand at different positions (a node that processed for a while, then stopped):
 * every event is applied once, by the segment it belongs to, exactly when that segment's token does not cover it yet,
 * and every segment's token ends at the head.
 */
class PagedCatchUpTest {

    private static final String PROCESSOR = "views";
    private static final int EVENTS = 100;

    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final List<String> handled = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        events.shutDown();
    }

    @Test
    void appliesWhatEachSegmentsTokenDoesNotCoverYetAndEndsEveryTokenAtTheHead() {
        Map<Integer, String> aggregateOf = new HashMap<>();
        Map<String, Long> sequences = new HashMap<>();
        List<EventMessage<?>> history = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String aggregate = "order-" + (i % 7);
            long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
            aggregateOf.put(i, aggregate);
            // every fifth event is one no handler takes: it moves the tokens on and is applied nowhere
            Object payload = i % 5 == 4 ? Integer.valueOf(i) : "event-" + i;
            history.add(new GenericDomainEventMessage<>("Order", aggregate, sequence, payload));
        }
        events.publish(history);
        tokens.initializeSegment(new GlobalSequenceTrackingToken(40), PROCESSOR, 0);
        tokens.initializeSegment(new GlobalSequenceTrackingToken(10), PROCESSOR, 1);

        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder()
                .eventHandlers(new Recorder())
                .sequencingPolicy(SequentialPerAggregatePolicy.instance())
                .build();
        PagedCatchUp catchUp = catchUp();
        PagedCatchUp.Claim claim =
                catchUp.claim(new PagedCatchUp.Target(PROCESSOR, invoker, List.of(), 2, () -> null), EVENTS - 1);
        assertThat(claim).isNotNull();
        assertThat(claim.from()).isEqualTo(10);

        Map<String, PagedCatchUp.Outcome> outcomes = catchUp.runTogether(List.of(claim), EVENTS - 1, () -> false);

        Segment[] segments = Segment.computeSegments(0, 1);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            int owner = segments[0].matches(aggregateOf.get(i)) ? 0 : 1;
            if (i > (owner == 0 ? 40 : 10) && i % 5 != 4) {
                expected.add("event-" + i);
            }
        }
        assertThat(handled).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
        assertThat(outcomes.get(PROCESSOR).applied()).isEqualTo(expected.size());
        assertThat(outcomes.get(PROCESSOR).reachedIndex()).isEqualTo(EVENTS - 1);
        assertThat(tokens.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(EVENTS - 1));
        assertThat(tokens.fetchToken(PROCESSOR, 1)).isEqualTo(new GlobalSequenceTrackingToken(EVENTS - 1));
    }

    @Test
    void claimsNothingWhenTheSegmentsAreNotFarEnoughBehind() {
        for (int i = 0; i < 20; i++) {
            events.publish(new GenericDomainEventMessage<>("Order", "order-" + i, 0, "event-" + i));
        }
        tokens.initializeSegment(new GlobalSequenceTrackingToken(15), PROCESSOR, 0);
        PagedCatchUp catchUp = catchUp();

        PagedCatchUp.Claim claim = catchUp.claim(
                new PagedCatchUp.Target(
                        PROCESSOR,
                        SimpleEventHandlerInvoker.builder()
                                .eventHandlers(new Recorder())
                                .build(),
                        List.of(),
                        1,
                        () -> null),
                19);

        assertThat(claim).isNull();
        assertThat(handled).isEmpty();
    }

    /** Catch-ups of at least 10 events behind, in pages of 16. */
    private PagedCatchUp catchUp() {
        return new PagedCatchUp(
                tokens,
                events,
                NoTransactionManager.instance(),
                new GenerationSettings.CatchUp(true, 10, 16),
                new SimpleMeterRegistry());
    }

    /** Records the events it is given. */
    private final class Recorder {

        @EventHandler
        void on(String event) {
            handled.add(event);
        }
    }
}
