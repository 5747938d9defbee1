package io.orderinsight.domain.risk;

import io.orderinsight.domain.shared.Money;
import java.time.Instant;
import java.util.List;

/**
 * What a rule found, for the alert it calls for: the {@code Alert} aggregate decides its id (from the rule, the subject
 * and the occasion, so that raising a finding twice changes nothing) and whether the finding makes an alert at all.
 *
 * @param occasion tells this finding apart from others of the same rule and subject (a payment, a window, a month;
 *     an anomaly's hour)
 * @param evidence the ids of the events that made the rule fire; none for an anomaly, whose evidence is {@code
 *     anomaly}
 * @param moneyAtRisk the money at risk in the subject's currency, or null when the rule names none
 * @param occurredAt when the triggering event happened upstream (an anomaly: the end of its hour)
 * @param anomaly what an anomaly rule saw; null for the other rules
 */
public record RaiseAlertCommand(
        String ruleId,
        long ruleVersion,
        SubjectType subjectType,
        String subjectId,
        String occasion,
        String customerId,
        String sellerId,
        String orderId,
        List<String> evidence,
        Money moneyAtRisk,
        RiskAction action,
        String detail,
        Instant occurredAt,
        AnomalyEvidence anomaly) {

    public RaiseAlertCommand {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
