package io.orderinsight.projections.support;

import io.orderinsight.domain.shared.OrderIds;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Events of one order (its payments, refunds and disputes included: they all carry {@code orderId}) are handled in
 * order, by one segment; different orders run in parallel.
 */
public final class OrderIdSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return OrderIds.of(event.getPayload()).orElse(event.getIdentifier());
    }
}
