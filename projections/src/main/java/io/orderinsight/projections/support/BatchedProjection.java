package io.orderinsight.projections.support;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

/** A projection whose writes are gathered per batch of events ({@link WriteBatches}). */
public interface BatchedProjection {

    /** Writes each batch of events once its last one is handled: registered on the processor that runs it. */
    MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch();

    /** The collections of the generation this instance writes. */
    List<String> collections();

    /** How often this instance's batches met documents other writers had changed. */
    WriteConflicts writeConflicts();

    /** The objects whose {@code @EventHandler}s this projection runs: itself, or the members of a group. */
    default List<Object> handlers() {
        return List.of(this);
    }
}
