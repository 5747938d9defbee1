package io.orderinsight.projections.support;

import io.orderinsight.domain.shared.OrderIds;
import io.orderinsight.domain.shared.RecordValues;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Events of one order (its payments, refunds and disputes included: they all carry {@code orderId}, and the alerts
 * raised and resolved on it name it as their subject) are handled in order, by one segment; different orders run in
 * parallel. An event of the order aggregate itself follows its aggregate's identifier, which is its order id: a
 * processor's coordinator sequences every event it reads on its one thread, and this needs no payload decoded there
 * (the handlers decode it later, on the workers).
 */
public final class OrderIdSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private static final String ORDER_SUBJECT = "ORDER";

    /** The order aggregate's type as the event store records it (Axon's default: its class's simple name). */
    public static final String ORDER_AGGREGATE = "Order";

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent && ORDER_AGGREGATE.equals(domainEvent.getType())) {
            return domainEvent.getAggregateIdentifier();
        }
        Object payload = event.getPayload();
        return OrderIds.of(payload)
                .or(() -> RecordValues.of(payload, "subjectType", Object.class)
                        .filter(type -> type.toString().equals(ORDER_SUBJECT))
                        .flatMap(type -> RecordValues.of(payload, "subjectId", Object.class))
                        .map(Object::toString))
                .orElse(event.getIdentifier());
    }
}
