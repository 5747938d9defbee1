package io.orderinsight.command.api;

import static io.orderinsight.command.api.ApiPatterns.MAX_TEXT;

import io.orderinsight.domain.risk.AlertStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/** Request bodies of the risk team's decisions. */
public final class RiskRequests {

    private RiskRequests() {}

    /** An analyst's verdict: CONFIRMED_FRAUD keeps the alert's holds and blocks, FALSE_POSITIVE lifts them. */
    public record ResolveAlert(
            @NotNull AlertStatus outcome,
            @Size(max = MAX_TEXT) String note,
            Instant occurredAt) {}

    /**
     * New thresholds for a rule (only those that change; values as text, e.g. {@code "45m"}, {@code "0.02"}) and
     * whether it runs; at least one of the two.
     */
    public record ChangeRule(@Size(max = 20) Map<String, String> thresholds, Boolean enabled) {}
}
