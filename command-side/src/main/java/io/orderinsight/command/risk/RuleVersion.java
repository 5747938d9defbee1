package io.orderinsight.command.risk;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;

/**
 * A rule's thresholds as one version recorded them, effective for events recorded from {@code effectiveFrom} on.
 * Version 0 is the catalog's defaults, in force before any version was recorded.
 */
public record RuleVersion(
        String ruleId, long version, Map<String, String> thresholds, boolean enabled, Instant effectiveFrom) {

    public RuleVersion {
        thresholds = Map.copyOf(thresholds);
    }

    public Duration duration(String name) {
        return DurationStyle.detectAndParse(value(name));
    }

    public long count(String name) {
        return Long.parseLong(value(name));
    }

    public BigDecimal decimal(String name) {
        return new BigDecimal(value(name));
    }

    public String value(String name) {
        String value = thresholds.get(name);
        if (value == null) {
            throw new IllegalStateException("rule " + ruleId + " version " + version + " has no threshold " + name);
        }
        return value;
    }
}
