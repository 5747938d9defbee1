package io.orderinsight.command.support;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** The upstream time every command and event record carries in its {@code occurredAt} component. */
public final class OccurredAt {

    private static final ClassValue<Optional<Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                return Optional.empty();
            }
            return Arrays.stream(components)
                    .filter(component ->
                            component.getName().equals("occurredAt") && component.getType() == Instant.class)
                    .map(RecordComponent::getAccessor)
                    .findFirst();
        }
    };

    private OccurredAt() {}

    /** {@code message}'s {@code occurredAt}, when it is a record that has one and it is set. */
    public static Optional<Instant> of(Object message) {
        return ACCESSORS.get(message.getClass()).map(accessor -> {
            try {
                return (Instant) accessor.invoke(message);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
