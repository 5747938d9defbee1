package io.orderinsight.command.api;

import io.orderinsight.domain.shared.AcceptedTimes;
import io.orderinsight.domain.shared.CommandRejectedException;
import java.time.Instant;

/**
 * When a command was received and which upstream times it may therefore carry.
 *
 * @param at the receipt time: a command's {@code occurredAt} when its body names none
 */
public record Receipt(Instant at, AcceptedTimes times) {

    /** The command's {@code occurredAt}: the one given, refused outside the accepted times, else the receipt time. */
    public Instant occurredAt(Instant given) {
        if (given == null) {
            return at;
        }
        if (!times.accepts(given, at)) {
            throw CommandRejectedException.invalid("occurredAt", times.rule() + ", was " + given);
        }
        return given;
    }
}
