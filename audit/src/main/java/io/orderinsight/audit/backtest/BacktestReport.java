package io.orderinsight.audit.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a rule would have flagged over a range of stored history, and how that compares with what it raised live
 * and what analysts decided.
 *
 * @param moneyCovered money at risk of the flagged findings, per currency, in minor units
 * @param reproducesLive whether the flagged set is exactly the set of alerts the rule raised live in the range
 * @param findings the first {@value RuleBacktest#LISTED} flagged findings
 */
public record BacktestReport(
        String ruleId,
        Map<String, String> thresholds,
        Instant from,
        Instant to,
        long eventsScanned,
        long flagged,
        Map<String, Long> moneyCovered,
        long liveAlerts,
        Agreement agreement,
        boolean reproducesLive,
        List<Flag> findings) {

    /**
     * Against the alerts the rule raised live in the range and the analysts' outcomes: flagged and raised live,
     * flagged only by the backtest, raised only live; confirmed frauds flagged or missed; false positives flagged or
     * avoided; and precision over the flagged findings an analyst judged.
     */
    public record Agreement(
            long sameAsLive,
            long onlyInBacktest,
            long onlyLive,
            long confirmedFlagged,
            long confirmedMissed,
            long falsePositivesFlagged,
            long falsePositivesAvoided,
            Double precision) {}

    /** One flagged finding; {@code liveOutcome} is the live alert's status when the rule raised the same alert. */
    public record Flag(
            String alertId,
            Instant at,
            String subjectType,
            String subjectId,
            String action,
            Long moneyAtRisk,
            String currency,
            String detail,
            List<String> evidence,
            String liveOutcome) {}
}
