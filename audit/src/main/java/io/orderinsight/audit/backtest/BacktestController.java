package io.orderinsight.audit.backtest;

import io.orderinsight.audit.AuditParameters;
import io.orderinsight.audit.jobs.JobAccepted;
import io.orderinsight.audit.jobs.Jobs;
import io.orderinsight.command.risk.RuleBook;
import io.orderinsight.command.risk.RuleCatalog;
import io.orderinsight.command.risk.RuleDefinition;
import io.orderinsight.command.risk.RuleVersion;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/rules/{ruleId}/backtest}: one rule with given thresholds (the live version's where none
 * are given) over {@code [from, to)} of stored history, as a job; 202 with the job's location.
 */
@RestController
public class BacktestController {

    public static final String KIND = "rule-backtest";

    private final Jobs jobs;
    private final RuleBacktest backtest;
    private final RuleBook ruleBook;
    private final Clock clock;
    private final ObjectProvider<HourlyRuleBacktest> hourly;

    public BacktestController(
            Jobs jobs,
            RuleBacktest backtest,
            RuleBook ruleBook,
            Clock clock,
            ObjectProvider<HourlyRuleBacktest> hourly) {
        this.jobs = jobs;
        this.backtest = backtest;
        this.ruleBook = ruleBook;
        this.clock = clock;
        this.hourly = hourly;
    }

    /**
     * @param thresholds the thresholds that differ from the live version's, values as text ({@code "45m"}, {@code
     *     "0.02"})
     * @param from start of the range (ISO-8601), inclusive
     * @param to end of the range (ISO-8601), exclusive; now when absent
     */
    public record BacktestRequest(Map<String, String> thresholds, String from, String to) {}

    @PostMapping(
            path = "/api/v1/admin/rules/{ruleId}/backtest",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<JobAccepted> start(@PathVariable String ruleId, @RequestBody BacktestRequest request) {
        RuleDefinition rule = RuleCatalog.find(ruleId)
                .orElseThrow(() ->
                        new CommandRejectedException(RejectionCode.RULE_NOT_FOUND, "rule " + ruleId + " not found"));
        Instant from = time("from", request.from(), null);
        Instant to = time("to", request.to(), clock.instant());
        if (!from.isBefore(to)) {
            throw CommandRejectedException.invalid("from", "from must be before to");
        }
        RuleVersion live = ruleBook.current(ruleId);
        Map<String, String> thresholds;
        try {
            thresholds = rule.apply(live.thresholds(), request.thresholds() == null ? Map.of() : request.thresholds());
        } catch (IllegalArgumentException e) {
            throw CommandRejectedException.invalid("thresholds", e.getMessage());
        }
        RuleVersion tested = new RuleVersion(ruleId, live.version(), thresholds, true, Instant.EPOCH);
        // the anomaly rules judge the counters' hours, not events: their backtest reads the hourly series
        HourlyRuleBacktest hours = RuleCatalog.anomaly(ruleId) ? hourly.getIfAvailable() : null;
        if (RuleCatalog.anomaly(ruleId) && hours == null) {
            throw new CommandRejectedException(
                    RejectionCode.RULE_NOT_FOUND, "rule " + ruleId + " has no detector on this node to backtest");
        }
        String jobId = jobs.start(
                KIND,
                ruleId,
                Map.of("ruleId", ruleId, "thresholds", thresholds, "from", from.toString(), "to", to.toString()),
                null,
                progress -> hours != null
                        ? backtest.runHourly(tested, from, to, hours, progress)
                        : backtest.run(tested, from, to, progress));
        return JobAccepted.of(jobId);
    }

    private static Instant time(String field, String value, Instant absent) {
        if (value == null || value.isBlank()) {
            if (absent == null) {
                throw CommandRejectedException.invalid(field, field + " is required (ISO-8601)");
            }
            return absent;
        }
        return AuditParameters.instant(field, value);
    }
}
