package io.orderinsight.command.risk;

import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.domain.shared.Money;
import java.util.List;

/**
 * What a rule found: the alert it calls for, before the system acts on it.
 *
 * @param occasion tells this finding apart from others of the same rule and subject (a payment, a window, a month);
 *     with the rule and subject it makes the alert's id, so a finding raised twice is one alert
 * @param moneyAtRisk the money at risk in the subject's currency, or null when the rule names none
 */
public record Finding(
        String ruleId,
        long ruleVersion,
        SubjectType subjectType,
        String subjectId,
        String customerId,
        String sellerId,
        String orderId,
        List<String> evidence,
        Money moneyAtRisk,
        RiskAction action,
        String detail,
        String occasion) {

    public Finding {
        evidence = List.copyOf(evidence);
    }
}
