package io.orderinsight.projections.support;

import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * The views' order of handling: an event of the risk aggregates (an alert, a rule, a customer's restriction) follows
 * its aggregate, since each risk view document follows one; every other event follows its order
 * ({@link OrderIdSequencingPolicy}), since an order's view holds its payments and refunds. The risk events are the only
 * ones the risk views handle, and the order, payment and refund views handle none of them, so each view sees the
 * events of each of its documents in the order they were stored.
 */
public final class ViewSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private static final String RISK_EVENTS = RiskAlertRaisedEvent.class.getPackageName();

    private final OrderIdSequencingPolicy orders = new OrderIdSequencingPolicy();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent
                && event.getPayloadType().getPackageName().equals(RISK_EVENTS)) {
            return domainEvent.getAggregateIdentifier();
        }
        return orders.getSequenceIdentifierFor(event);
    }
}
