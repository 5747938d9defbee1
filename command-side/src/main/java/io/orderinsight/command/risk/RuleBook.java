package io.orderinsight.command.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every recorded version of every rule ({@code risk_rule_version}, written in the same transaction as the
 * {@code RuleVersionRecordedEvent}), and which was in force when. Before a rule's first recorded version its
 * configured thresholds apply, as version 0.
 */
public class RuleBook implements RuleSource {

    private static final TypeReference<LinkedHashMap<String, String>> THRESHOLDS = new TypeReference<>() {};
    private static final Duration STALE_AFTER = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, RuleVersion> configured;
    private volatile Map<String, List<RuleVersion>> versions = Map.of();
    private volatile Instant loadedAt = Instant.MIN;

    public RuleBook(JdbcTemplate jdbc, ObjectMapper json, Clock clock, Map<String, RuleVersion> configured) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.configured = Map.copyOf(configured);
    }

    /** The version of {@code ruleId} in force for an event recorded at {@code recordedAt}. */
    @Override
    public RuleVersion at(String ruleId, Instant recordedAt) {
        RuleVersion inForce = configured(ruleId);
        for (RuleVersion version : versions.getOrDefault(ruleId, List.of())) {
            if (version.effectiveFrom().isAfter(recordedAt)) {
                break;
            }
            inForce = version;
        }
        return inForce;
    }

    /** The newest version of {@code ruleId}, read from the table now. */
    public RuleVersion current(String ruleId) {
        reload();
        List<RuleVersion> recorded = versions.getOrDefault(ruleId, List.of());
        return recorded.isEmpty() ? configured(ruleId) : recorded.get(recorded.size() - 1);
    }

    /** Version {@code number} of {@code ruleId}; 0 (or a number not recorded) is the configured thresholds. */
    public RuleVersion numbered(String ruleId, long number) {
        for (RuleVersion version : versions.getOrDefault(ruleId, List.of())) {
            if (version.version() == number) {
                return version;
            }
        }
        return configured(ruleId);
    }

    /** The thresholds the operator configured for {@code ruleId} (catalog defaults where none are set). */
    public RuleVersion configured(String ruleId) {
        RuleVersion version = configured.get(ruleId);
        if (version == null) {
            throw new IllegalArgumentException("unknown rule " + ruleId);
        }
        return version;
    }

    /** The newest version that came from configuration (thresholds and whether enabled), or null when none did. */
    public RuleVersion lastConfigured(String ruleId) {
        List<RuleVersion> found = jdbc.query(
                "select version, thresholds, enabled, recorded_at from risk_rule_version"
                        + " where rule_id = ? and source = 'configuration' order by version desc limit 1",
                (rs, row) -> new RuleVersion(
                        ruleId,
                        rs.getLong(1),
                        read(rs.getString(2)),
                        rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant()),
                ruleId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Records a version in the caller's transaction. */
    public void record(RuleVersion version, String source) {
        jdbc.update(
                "insert into risk_rule_version (rule_id, version, thresholds, enabled, source, recorded_at)"
                        + " values (?, ?, ?, ?, ?, ?)",
                version.ruleId(),
                version.version(),
                write(version.thresholds()),
                version.enabled(),
                source,
                Timestamp.from(version.effectiveFrom()));
    }

    /** Reads the table again if it was last read more than a second ago. */
    public void refreshIfStale() {
        if (loadedAt.plus(STALE_AFTER).isBefore(clock.instant())) {
            reload();
        }
    }

    /** Reads every recorded version again. */
    public void reload() {
        Map<String, List<RuleVersion>> loaded = new HashMap<>();
        jdbc.query(
                "select rule_id, version, thresholds, enabled, recorded_at from risk_rule_version"
                        + " order by rule_id, version",
                rs -> {
                    String ruleId = rs.getString(1);
                    loaded.computeIfAbsent(ruleId, id -> new ArrayList<>())
                            .add(new RuleVersion(
                                    ruleId,
                                    rs.getLong(2),
                                    read(rs.getString(3)),
                                    rs.getBoolean(4),
                                    rs.getTimestamp(5).toInstant()));
                });
        versions = loaded;
        loadedAt = clock.instant();
    }

    private Map<String, String> read(String thresholds) {
        try {
            return json.readValue(thresholds, THRESHOLDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rule thresholds " + thresholds, e);
        }
    }

    private String write(Map<String, String> thresholds) {
        try {
            return json.writeValueAsString(new LinkedHashMap<>(thresholds));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
