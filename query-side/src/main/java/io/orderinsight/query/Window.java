package io.orderinsight.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A half-open time window [from, to); a missing bound is unbounded. */
public record Window(Instant from, Instant to) {

    public static Window of(String from, String to) {
        return of(from, to, "from", "to");
    }

    /** The window of parameters named {@code fromField} and {@code toField}; 400 naming the one at fault. */
    public static Window of(String from, String to, String fromField, String toField) {
        Window window = new Window(instant(fromField, from), instant(toField, to));
        if (window.from() != null && window.to() != null && window.from().isAfter(window.to())) {
            throw new InvalidQueryException(fromField, "must not be after " + toField);
        }
        return window;
    }

    boolean contains(Instant at) {
        return at != null && (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(field, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
