package io.orderinsight.command.risk;

import java.time.Instant;

/**
 * An event as the rules see it.
 *
 * @param eventId the stored event's id, cited as evidence
 * @param occurredAt when it happened upstream: windows are measured on this clock
 * @param recordedAt when it was recorded: it selects the rule version in force
 */
public record Trigger(String eventId, Instant occurredAt, Instant recordedAt, Object payload) {}
