package io.orderinsight.domain.risk;

import io.orderinsight.domain.shared.Identifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** An alert's id, derived from what raised it, so that raising the same finding twice names the same alert. */
public record AlertId(String value) implements Identifier {

    public AlertId {
        Identifier.requireValid(value, "alert id");
    }

    public static AlertId of(String value) {
        return new AlertId(value);
    }

    /**
     * The alert an anomaly rule raises about a subject in a currency's hour: its subject named with its type and
     * currency, since a channel's or a country's name may be a seller's id.
     */
    public static AlertId ofAnomaly(
            String ruleId, SubjectType subjectType, String subjectId, String currency, Instant hour) {
        return derive(ruleId, subjectType + ":" + subjectId + ":" + currency, hour.toString());
    }

    /** The id of the alert {@code ruleId} raises about {@code subjectId} for the occasion named by {@code occasion}. */
    public static AlertId derive(String ruleId, String subjectId, String occasion) {
        String name = ruleId + '\n' + subjectId + '\n' + occasion;
        return new AlertId("alert-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value;
    }
}
