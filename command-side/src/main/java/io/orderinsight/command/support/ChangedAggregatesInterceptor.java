package io.orderinsight.command.support;

import io.orderinsight.domain.shared.AggregateVersion;
import io.orderinsight.domain.shared.CommandOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Answers every command with a {@link CommandOutcome}: the aggregates it appended events to and their new versions.
 * As a command handler interceptor it makes the command's result; as an event dispatch interceptor it fills that
 * result with each domain event the unit of work publishes, which Axon's event bus does as the unit of work commits.
 */
public class ChangedAggregatesInterceptor
        implements MessageHandlerInterceptor<CommandMessage<?>>, MessageDispatchInterceptor<EventMessage<?>> {

    private static final String RESOURCE = ChangedAggregatesInterceptor.class.getName();

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        List<AggregateVersion> changed = unitOfWork.root().getOrComputeResource(RESOURCE, key -> new ArrayList<>());
        chain.proceed();
        return new CommandOutcome(changed);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            if (event instanceof DomainEventMessage<?> domainEvent && CurrentUnitOfWork.isStarted()) {
                List<AggregateVersion> changed = CurrentUnitOfWork.get().root().getResource(RESOURCE);
                if (changed != null) {
                    record(
                            changed,
                            new AggregateVersion(
                                    domainEvent.getAggregateIdentifier(),
                                    domainEvent.getType(),
                                    domainEvent.getSequenceNumber() + 1));
                }
            }
            return event;
        };
    }

    private static void record(List<AggregateVersion> changed, AggregateVersion version) {
        for (int i = 0; i < changed.size(); i++) {
            AggregateVersion known = changed.get(i);
            if (known.id().equals(version.id()) && known.type().equals(version.type())) {
                changed.set(i, version);
                return;
            }
        }
        changed.add(version);
    }
}
