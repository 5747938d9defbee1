package io.orderinsight.domain.shared;

/** An aggregate a command changed, with its version: the number of events in its stream. */
public record AggregateVersion(String id, String type, long version) {}
