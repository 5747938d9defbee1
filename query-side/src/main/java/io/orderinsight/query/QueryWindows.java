package io.orderinsight.query;

import io.orderinsight.domain.shared.AcceptedTimes;
import java.time.Clock;

/** Reads the time windows of queries, whose bounds lie in the times the system accepts ({@link AcceptedTimes}). */
public final class QueryWindows {

    private final Clock clock;
    private final AcceptedTimes times;

    public QueryWindows(Clock clock, AcceptedTimes times) {
        this.clock = clock;
        this.times = times;
    }

    /** The window [from, to) of two optional ISO-8601 parameters; 400 naming the parameter at fault. */
    public Window of(String from, String to) {
        return of(from, to, "from", "to");
    }

    /** The same, for parameters named {@code fromField} and {@code toField}. */
    public Window of(String from, String to, String fromField, String toField) {
        Window window = Window.of(from, to, fromField, toField);
        check(fromField, window.from());
        check(toField, window.to());
        return window;
    }

    private void check(String field, java.time.Instant at) {
        if (at != null && !times.accepts(at, clock.instant())) {
            throw new InvalidQueryException(field, times.rule() + ", was " + at);
        }
    }
}
