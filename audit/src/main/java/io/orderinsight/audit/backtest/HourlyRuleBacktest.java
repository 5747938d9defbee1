package io.orderinsight.audit.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The backtest of a rule that judges the counters' hours rather than events (the anomaly rules): what it would have
 * flagged on the hours in a range, as its live detector judges them. Provided by the query side, where the hourly
 * series are; the application wires it in.
 */
public interface HourlyRuleBacktest {

    /** One hour's finding: the alert it raises (or raised live), when (the hour's end), about what, and why. */
    record HourlyFinding(String alertId, Instant at, String subjectType, String subjectId, String detail) {}

    /** What {@code ruleId} with {@code thresholds} (version {@code version}) flags on the hours in [from, to). */
    List<HourlyFinding> flag(String ruleId, Map<String, String> thresholds, long version, Instant from, Instant to);
}
