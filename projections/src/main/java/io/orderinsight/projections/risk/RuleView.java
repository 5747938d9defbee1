package io.orderinsight.projections.risk;

import io.orderinsight.domain.risk.RuleVersionRecordedEvent;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * A document of {@code risk_rules}: a rule's newest recorded version ({@code _id} = the rule's id) — its thresholds as
 * recorded (text, as the rule catalog gives them), whether it is enabled, where the version came from and when it was
 * recorded. Mapped to and from its document here alone, for the risk views and the queries that judge by it.
 */
public record RuleView(
        String ruleId,
        long version,
        Map<String, String> thresholds,
        boolean enabled,
        String source,
        Instant recordedAt) {

    private static final String ID = "_id";
    private static final String RULE_VERSION = "ruleVersion";
    private static final String THRESHOLDS = "thresholds";
    private static final String ENABLED = "enabled";
    private static final String SOURCE = "source";
    private static final String RECORDED_AT = "recordedAt";

    /** The version {@code event} records, recorded at {@code recordedAt} (the event's timestamp). */
    public static RuleView recorded(RuleVersionRecordedEvent event, Instant recordedAt) {
        return new RuleView(
                event.ruleId(), event.version(), event.thresholds(), event.enabled(), event.source(), recordedAt);
    }

    public static RuleView of(Document rule) {
        Map<String, String> thresholds = new LinkedHashMap<>();
        rule.get(THRESHOLDS, new Document()).forEach((name, value) -> thresholds.put(name, String.valueOf(value)));
        return new RuleView(
                rule.getString(ID),
                rule.get(RULE_VERSION, Number.class).longValue(),
                thresholds,
                rule.getBoolean(ENABLED, true),
                rule.getString(SOURCE),
                rule.getDate(RECORDED_AT).toInstant());
    }

    public Document toDocument() {
        return new Document(RULE_VERSION, version)
                .append(THRESHOLDS, new Document(thresholds))
                .append(ENABLED, enabled)
                .append(SOURCE, source)
                .append(RECORDED_AT, Date.from(recordedAt));
    }

    /** A threshold that is a decimal number, e.g. a ratio or a band. */
    public double decimal(String name) {
        return Double.parseDouble(threshold(name));
    }

    /** A threshold that is a whole number, e.g. a minimum count. */
    public long whole(String name) {
        return Long.parseLong(threshold(name));
    }

    private String threshold(String name) {
        String value = thresholds.get(name);
        if (value == null) {
            throw new IllegalStateException("rule " + ruleId + " v" + version + " records no threshold " + name);
        }
        return value;
    }
}
