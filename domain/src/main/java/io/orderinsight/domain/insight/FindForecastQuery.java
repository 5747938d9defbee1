package io.orderinsight.domain.insight;

/**
 * The next {@code horizon} buckets of {@code granularity} (HOUR or DAY) of {@code metric}, of one currency or
 * ({@code null}) combined in the reporting currency, forecast from the stored history.
 */
public record FindForecastQuery(String metric, String currency, int horizon, String granularity) {}
