package io.orderinsight.command.testing;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;

/**
 * An in-memory event store for the aggregates an {@code AggregateTestFixture} does not own. The fixture's own store
 * holds the stream of a single aggregate and refuses to read or write any other, so a handler that changes several
 * aggregates keeps the others here. Every event published here is also handed to the fixture's store, as a plain
 * event message at the moment it is applied, so the fixture's {@code expectEvents} sees the events of all aggregates
 * in the order the handler applied them, and none when the command is rejected.
 */
public final class CompanionEventStore extends EmbeddedEventStore {

    private final EventStorageEngine storage;
    private final EventStore fixtureStore;

    private CompanionEventStore(EventStorageEngine storage, EventStore fixtureStore) {
        super(EmbeddedEventStore.builder().storageEngine(storage));
        this.storage = storage;
        this.fixtureStore = fixtureStore;
    }

    public static CompanionEventStore beside(EventStore fixtureStore) {
        return new CompanionEventStore(new InMemoryEventStorageEngine(), fixtureStore);
    }

    public <T> Repository<T> repository(Class<T> aggregateType) {
        return EventSourcingRepository.builder(aggregateType).eventStore(this).build();
    }

    /** Stores past events of one aggregate without publishing them, like the fixture's {@code given}. */
    public void given(String aggregateType, String aggregateId, Object... payloads) {
        long next = lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (Object payload : payloads) {
            events.add(new GenericDomainEventMessage<>(aggregateType, aggregateId, next++, payload));
        }
        storage.appendEvents(events);
    }

    @Override
    public void publish(List<? extends EventMessage<?>> events) {
        List<EventMessage<?>> copies = new ArrayList<>();
        for (EventMessage<?> event : events) {
            copies.add(new GenericEventMessage<>(event.getPayload(), event.getMetaData()));
        }
        fixtureStore.publish(copies);
        super.publish(events);
    }
}
