package io.orderinsight.domain.risk;

import java.time.Instant;
import java.util.Map;

/**
 * New thresholds for a rule, recorded as its next version and effective for events recorded from then on.
 *
 * @param thresholds the changed thresholds by name; the others keep their current values
 * @param enabled whether the rule runs, or null to keep it as it is
 * @param source who set them: {@code api} (an analyst) or {@code configuration} (the operator's settings at start)
 */
public record RecordRuleVersionCommand(
        String ruleId, Map<String, String> thresholds, Boolean enabled, String source, Instant occurredAt) {

    public static final String SOURCE_API = "api";
    public static final String SOURCE_CONFIGURATION = "configuration";
}
