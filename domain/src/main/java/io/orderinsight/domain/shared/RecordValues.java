package io.orderinsight.domain.shared;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads a named component of any command or event record, such as {@code orderId} or {@code occurredAt}. */
public final class RecordValues {

    private static final ClassValue<Map<String, Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> accessors = new HashMap<>();
            RecordComponent[] components = type.getRecordComponents();
            if (components != null) {
                for (RecordComponent component : components) {
                    accessors.put(component.getName(), component.getAccessor());
                }
            }
            return Map.copyOf(accessors);
        }
    };

    private RecordValues() {}

    /** The value of {@code message}'s component {@code name} if it is a {@code type}; empty if absent or null. */
    public static <T> Optional<T> of(Object message, String name, Class<T> type) {
        Method accessor = ACCESSORS.get(message.getClass()).get(name);
        if (accessor == null || !type.isAssignableFrom(boxed(accessor.getReturnType()))) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(type.cast(accessor.invoke(message)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? Object.class : type;
    }
}
