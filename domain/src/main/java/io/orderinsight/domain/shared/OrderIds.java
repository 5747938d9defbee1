package io.orderinsight.domain.shared;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Optional;

/** The order a message concerns: the {@code orderId} component of a command or event record, when it has one. */
public final class OrderIds {

    private static final ClassValue<Optional<Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                return Optional.empty();
            }
            for (RecordComponent component : components) {
                if (component.getName().equals("orderId")) {
                    return Optional.of(component.getAccessor());
                }
            }
            return Optional.empty();
        }
    };

    private OrderIds() {}

    /** The order id of {@code message} as text, or empty when it names none. */
    public static Optional<String> of(Object message) {
        return ACCESSORS.get(message.getClass()).map(accessor -> {
            try {
                Object orderId = accessor.invoke(message);
                return orderId == null ? null : orderId.toString();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
