package io.orderinsight.query;

import java.time.Instant;

/**
 * How current an answer is: {@code position} is the lowest global event position that every segment of the
 * projections behind the answer has passed, {@code timestamp} when the event at that position was recorded, and
 * {@code lagMs} how far the newest stored event is ahead of it.
 */
public record Freshness(long position, Instant timestamp, long lagMs) {}
