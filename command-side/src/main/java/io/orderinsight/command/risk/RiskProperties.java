package io.orderinsight.command.risk;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orderinsight.risk.<rule-id>.<threshold>}: the operator's thresholds per rule, over the catalog's defaults,
 * and {@code orderinsight.risk.<rule-id>.enabled}. Checked at start: an unknown rule or threshold, or a malformed
 * value, stops the application with a message naming it.
 */
@ConfigurationProperties("orderinsight")
public record RiskProperties(Map<String, Map<String, String>> risk) {

    public RiskProperties {
        risk = risk == null ? Map.of() : risk;
    }

    /** Every rule's configured thresholds, as version 0. */
    public Map<String, RuleVersion> configuredVersions() {
        for (String ruleId : risk.keySet()) {
            if (RuleCatalog.find(ruleId).isEmpty()) {
                throw new IllegalArgumentException("orderinsight.risk." + ruleId + ": no such rule; the rules are "
                        + RuleCatalog.all().stream().map(RuleDefinition::id).toList());
            }
        }
        Map<String, RuleVersion> versions = new LinkedHashMap<>();
        for (RuleDefinition rule : RuleCatalog.all()) {
            Map<String, String> settings = new HashMap<>(risk.getOrDefault(rule.id(), Map.of()));
            String enabled = settings.remove("enabled");
            Map<String, String> thresholds;
            try {
                thresholds = rule.apply(rule.defaults(), settings);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("orderinsight.risk." + rule.id() + ": " + e.getMessage(), e);
            }
            versions.put(
                    rule.id(),
                    new RuleVersion(
                            rule.id(), 0, thresholds, enabled == null || Boolean.parseBoolean(enabled), Instant.EPOCH));
        }
        return versions;
    }
}
