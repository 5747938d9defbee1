package io.orderinsight.projections.support;

import io.orderinsight.domain.shared.OrderIds;
import io.orderinsight.domain.shared.RecordValues;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Events of one order (its payments, refunds and disputes included: they all carry {@code orderId}, and the alerts
 * raised and resolved on it name it as their subject) are handled in order, by one segment; different orders run in
 * parallel.
 */
public final class OrderIdSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private static final String ORDER_SUBJECT = "ORDER";

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        return OrderIds.of(payload)
                .or(() -> RecordValues.of(payload, "subjectType", Object.class)
                        .filter(type -> type.toString().equals(ORDER_SUBJECT))
                        .flatMap(type -> RecordValues.of(payload, "subjectId", Object.class))
                        .map(Object::toString))
                .orElse(event.getIdentifier());
    }
}
