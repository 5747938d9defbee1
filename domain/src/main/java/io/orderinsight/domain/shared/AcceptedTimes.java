package io.orderinsight.domain.shared;

import java.time.Duration;
import java.time.Instant;

/**
 * The times the system takes in, upstream {@code occurredAt} and query windows alike: from {@link #EARLIEST} up to the
 * moment of receipt plus a configured clock skew. Outside it, a time is a client's mistake, and one that would reach
 * the read models could not even be stored as a date (years beyond 292,278,994 overflow a millisecond count).
 *
 * @param skew how far upstream clocks may run ahead of this system's
 */
public record AcceptedTimes(Duration skew) {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(15);

    public AcceptedTimes {
        if (skew == null || skew.isNegative()) {
            throw new IllegalArgumentException("the clock skew must be zero or more, was " + skew);
        }
    }

    /** The latest time accepted from something received at {@code receivedAt}. */
    public Instant latest(Instant receivedAt) {
        return receivedAt.plus(skew);
    }

    public boolean accepts(Instant at, Instant receivedAt) {
        return !at.isBefore(EARLIEST) && !at.isAfter(latest(receivedAt));
    }

    /** The rule, as an answer states it. */
    public String rule() {
        return "must lie between " + EARLIEST + " and the receipt time plus " + skew.toMinutes() + " minutes";
    }
}
