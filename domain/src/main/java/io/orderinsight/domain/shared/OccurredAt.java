package io.orderinsight.domain.shared;

import java.time.Instant;
import java.util.Optional;

/** The upstream time every command and event record carries in its {@code occurredAt} component. */
public final class OccurredAt {

    private OccurredAt() {}

    /** {@code message}'s {@code occurredAt}, when it is a record that has one and it is set. */
    public static Optional<Instant> of(Object message) {
        return RecordValues.of(message, "occurredAt", Instant.class);
    }
}
