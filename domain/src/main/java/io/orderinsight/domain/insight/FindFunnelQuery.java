package io.orderinsight.domain.insight;

import java.time.Instant;

/** The funnel of the orders placed in [{@code from}, {@code to}), of one currency or ({@code null}) of all. */
public record FindFunnelQuery(Instant from, Instant to, String currency) {}
