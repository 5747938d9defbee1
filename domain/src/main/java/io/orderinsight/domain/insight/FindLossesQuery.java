package io.orderinsight.domain.insight;

import java.time.Instant;
import java.util.List;

/** The loss ledger over [{@code from}, {@code to}), grouped by a subset of cause, seller and day. */
public record FindLossesQuery(Instant from, Instant to, List<String> groupBy) {}
