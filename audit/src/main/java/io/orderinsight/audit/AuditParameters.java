package io.orderinsight.audit;

import io.orderinsight.domain.shared.AcceptedTimes;
import io.orderinsight.domain.shared.CommandRejectedException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Request parameters of the audit and admin API, checked once: a malformed one is a 400 naming the field. */
public final class AuditParameters {

    private AuditParameters() {}

    /** Past the last second of year 9999 no store keeps a date: an audit time in the future means "now" anyway. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** An ISO-8601 instant given as {@code field}, from {@link AcceptedTimes#EARLIEST} on. */
    public static Instant instant(String field, String value) {
        Instant at;
        try {
            at = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CommandRejectedException.invalid(
                    field, field + " must be an ISO-8601 time such as 2026-03-01T00:00:00Z");
        }
        if (at.isBefore(AcceptedTimes.EARLIEST) || at.isAfter(LATEST)) {
            throw CommandRejectedException.invalid(
                    field, field + " must lie between " + AcceptedTimes.EARLIEST + " and " + LATEST + ", was " + at);
        }
        return at;
    }
}
