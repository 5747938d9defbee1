package io.orderinsight.domain.shared;

import java.util.Optional;

/** The order a message concerns: the {@code orderId} component of a command or event record, when it has one. */
public final class OrderIds {

    private OrderIds() {}

    /** The order id of {@code message} as text, or empty when it names none. */
    public static Optional<String> of(Object message) {
        return RecordValues.of(message, "orderId", Object.class).map(Object::toString);
    }
}
