package io.orderinsight.domain.insight;

import java.time.Instant;
import java.util.List;

/**
 * The change of {@code metric} from the baseline window [{@code baselineFrom}, {@code baselineTo}) to the window
 * [{@code from}, {@code to}), split into the contributions of the members of {@code by} (one or two of seller, country,
 * category, channel); the {@code top} largest by size of change are listed, the others folded into one. Of one
 * currency, or ({@code null}) of each and combined in the reporting currency.
 */
public record FindAttributionQuery(
        String metric,
        Instant from,
        Instant to,
        Instant baselineFrom,
        Instant baselineTo,
        List<String> by,
        String currency,
        int top) {}
