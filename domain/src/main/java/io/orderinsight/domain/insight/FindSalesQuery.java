package io.orderinsight.domain.insight;

import java.time.Instant;
import java.util.List;

/**
 * Sales per bucket of {@code granularity} (MINUTE, HOUR or DAY) and per group of {@code groupBy} (a subset of
 * seller, country, category, channel) over [{@code from}, {@code to}), of one currency or ({@code null}) of all.
 */
public record FindSalesQuery(Instant from, Instant to, String granularity, List<String> groupBy, String currency) {}
