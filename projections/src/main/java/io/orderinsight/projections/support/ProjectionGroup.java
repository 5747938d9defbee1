package io.orderinsight.projections.support;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * Projections that one processor runs together: each event is dispatched to every member's handlers in one batch, and
 * each member writes its own documents when the batch ends, before the processor stores its one token. Rebuilt,
 * checked for drift and dead-lettered as one.
 */
public final class ProjectionGroup implements BatchedProjection {

    private final List<BatchedProjection> members;

    public ProjectionGroup(List<BatchedProjection> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a projection group has at least one member");
        }
        this.members = List.copyOf(members);
    }

    @Override
    public List<Object> handlers() {
        return members.stream().flatMap(member -> member.handlers().stream()).toList();
    }

    /**
     * Every member's own end-of-batch write: the members' reads ahead and their writes each sent at the same time when
     * all of them write through {@link WriteBatches}, else nested (each runs around the handling of each event).
     */
    @Override
    public MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        List<MessageHandlerInterceptor<? super EventMessage<?>>> flushes = members.stream()
                .<MessageHandlerInterceptor<? super EventMessage<?>>>map(BatchedProjection::flushAtEndOfBatch)
                .toList();
        if (flushes.stream().allMatch(WriteBatches.EndOfBatch.class::isInstance)) {
            return WriteBatches.EndOfBatch.together(
                    flushes.stream().map(WriteBatches.EndOfBatch.class::cast).toList());
        }
        return (unitOfWork, chain) ->
                new DefaultInterceptorChain<>(unitOfWork, flushes, message -> chain.proceed()).proceed();
    }

    @Override
    public List<String> collections() {
        return members.stream().flatMap(member -> member.collections().stream()).toList();
    }

    /** The members' conflicts together. */
    @Override
    public WriteConflicts writeConflicts() {
        WriteConflicts total = new WriteConflicts();
        for (BatchedProjection member : members) {
            total.add(member.writeConflicts());
        }
        return total;
    }
}
