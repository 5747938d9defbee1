package io.orderinsight.command.support;

import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.order.PlaceOrderCommand;
import io.orderinsight.domain.payment.RecordPaymentCommand;
import io.orderinsight.domain.refund.RequestRefundCommand;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Existence rules for every command in one place: a creation must name a new id (DUPLICATE_ID), and a command on an
 * unknown aggregate answers the not-found code of that aggregate's kind. Ids are unique across aggregate kinds,
 * because the event store keys streams by id alone.
 */
public class AggregateExistenceInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final EventStore eventStore;

    public AggregateExistenceInterceptor(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object command = unitOfWork.getMessage().getPayload();
        if (command instanceof PlaceOrderCommand place) {
            requireNew(place.orderId().value(), "orderId", "order");
        } else if (command instanceof RecordPaymentCommand record) {
            requireNew(record.paymentId().value(), "paymentId", "payment");
        } else if (command instanceof RequestRefundCommand request) {
            requireNew(request.refundId().value(), "refundId", "refund");
        }
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException e) {
            throw notFound(command, String.valueOf(e.getAggregateIdentifier()));
        }
    }

    private void requireNew(String id, String field, String kind) {
        if (eventStore.lastSequenceNumberFor(id).isPresent()) {
            throw new CommandRejectedException(RejectionCode.DUPLICATE_ID, field,
                    kind + " id " + id + " is already taken");
        }
    }

    private static CommandRejectedException notFound(Object command, String id) {
        String area = command.getClass().getPackageName();
        if (area.equals(OrderId.class.getPackageName())) {
            return new CommandRejectedException(RejectionCode.ORDER_NOT_FOUND, "order " + id + " not found");
        }
        if (area.endsWith(".payment")) {
            return new CommandRejectedException(RejectionCode.PAYMENT_NOT_FOUND, "payment " + id + " not found");
        }
        return new CommandRejectedException(RejectionCode.REFUND_NOT_FOUND, "refund " + id + " not found");
    }
}
