package io.orderinsight.projections.support;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Events of one order (its payments, refunds and disputes included: they all carry {@code orderId}) are handled in
 * order, by one segment; different orders run in parallel.
 */
public final class OrderIdSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private static final ClassValue<Optional<Method>> ORDER_ID = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            return components == null
                    ? Optional.empty()
                    : Arrays.stream(components)
                            .filter(component -> component.getName().equals("orderId"))
                            .map(RecordComponent::getAccessor)
                            .findFirst();
        }
    };

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        return ORDER_ID.get(payload.getClass())
                .map(accessor -> {
                    try {
                        return String.valueOf(accessor.invoke(payload));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .orElse(event.getIdentifier());
    }
}
