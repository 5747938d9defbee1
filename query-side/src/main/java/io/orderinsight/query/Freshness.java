package io.orderinsight.query;

import java.time.Instant;

/**
 * How current an answer is: {@code position} is the lowest global event position that every segment of the
 * projections behind the answer has passed, {@code timestamp} when the event at that position was recorded, {@code
 * lagMs} how far the newest stored event is ahead of it, and {@code quarantined} how many events those projections set
 * aside because they could not be handled (listed under {@code /api/v1/admin/dead-letters}): while it is above zero,
 * the answer lacks them.
 */
public record Freshness(long position, Instant timestamp, long lagMs, long quarantined) {

    public Freshness(long position, Instant timestamp, long lagMs) {
        this(position, timestamp, lagMs, 0);
    }
}
