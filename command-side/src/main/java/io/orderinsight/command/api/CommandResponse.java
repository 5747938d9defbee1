package io.orderinsight.command.api;

import io.orderinsight.domain.shared.AggregateVersion;
import java.util.List;

/** The body of an accepted command: its target aggregate and any other aggregate it changed. */
public record CommandResponse(String id, String type, long version, List<AggregateVersion> changed) {}
