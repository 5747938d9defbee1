package io.orderinsight.audit;

import io.orderinsight.domain.shared.CommandRejectedException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Request parameters of the audit and admin API, checked once: a malformed one is a 400 naming the field. */
public final class AuditParameters {

    private AuditParameters() {}

    /** An ISO-8601 instant given as {@code field}. */
    public static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CommandRejectedException.invalid(
                    field, field + " must be an ISO-8601 time such as 2026-03-01T00:00:00Z");
        }
    }
}
