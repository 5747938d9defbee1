package io.orderinsight.projections.testing;

import io.orderinsight.projections.support.BatchedProjection;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

/**
 * Delivers events to a projection as its processor does: the whole batch in one batching unit of work, through the
 * projection's interceptor that flushes its writes at the end of the batch, each event to each of its handlers in turn.
 */
public final class BatchDelivery {

    private BatchDelivery() {}

    /** Handles {@code events} as one batch; the batch's failure, if any, is thrown. */
    public static void deliver(BatchedProjection projection, List<? extends EventMessage<?>> events) throws Exception {
        List<AnnotationEventHandlerAdapter> handlers = projection.handlers().stream()
                .map(AnnotationEventHandlerAdapter::new)
                .toList();
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new ArrayList<>(events));
        ResultMessage<?> result = batch.executeWithResult(() -> new DefaultInterceptorChain<>(
                        batch, List.of(projection.flushAtEndOfBatch()), message -> {
                            for (AnnotationEventHandlerAdapter handler : handlers) {
                                if (handler.canHandle(message)) {
                                    handler.handle(message);
                                }
                            }
                            return null;
                        })
                .proceed());
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception exception ? exception : new IllegalStateException(failure);
        }
    }
}
