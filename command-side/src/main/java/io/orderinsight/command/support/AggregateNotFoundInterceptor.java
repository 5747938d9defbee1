package io.orderinsight.command.support;

import io.orderinsight.domain.order.PlaceOrderCommand;
import io.orderinsight.domain.payment.RecordPaymentCommand;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;

/**
 * A command on an unknown aggregate answers the not-found code of that aggregate's kind. (A creation whose id is
 * taken needs no check here: the event store's unique (aggregate, sequence) index refuses it, and the HTTP layer
 * answers DUPLICATE_ID. Ids are unique across aggregate kinds, because the event store keys streams by id alone.)
 */
public class AggregateNotFoundInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final AnnotationCommandTargetResolver TARGET_IDS =
            AnnotationCommandTargetResolver.builder().build();

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object command = unitOfWork.getMessage().getPayload();
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException e) {
            throw notFound(command, String.valueOf(e.getAggregateIdentifier()));
        } catch (IncompatibleAggregateException e) {
            throw notFound(command, targetIdOf(unitOfWork.getMessage()));
        }
    }

    /** The id names an aggregate of another kind, which for this command's kind is as good as unknown. */
    private static String targetIdOf(CommandMessage<?> command) {
        return String.valueOf(TARGET_IDS.resolveTarget(command).getIdentifier());
    }

    private static CommandRejectedException notFound(Object command, String id) {
        String area = command.getClass().getPackageName();
        if (area.equals(PlaceOrderCommand.class.getPackageName())) {
            return new CommandRejectedException(RejectionCode.ORDER_NOT_FOUND, "order " + id + " not found");
        }
        if (area.equals(RecordPaymentCommand.class.getPackageName())) {
            return new CommandRejectedException(RejectionCode.PAYMENT_NOT_FOUND, "payment " + id + " not found");
        }
        return new CommandRejectedException(RejectionCode.REFUND_NOT_FOUND, "refund " + id + " not found");
    }
}
