package io.orderinsight.domain.insight;

import java.time.Instant;

/** The overview over [{@code from}, {@code to}) (null: unbounded), of one currency or ({@code null}) of all. */
public record FindOverviewQuery(Instant from, Instant to, String currency) {}
