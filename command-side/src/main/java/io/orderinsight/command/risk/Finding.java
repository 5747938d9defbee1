package io.orderinsight.command.risk;

import io.orderinsight.command.risk.Facts.OrderFacts;
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

    /** A finding about an order, its customer and seller named. */
    static Finding aboutOrder(
            RuleVersion rule,
            OrderFacts order,
            List<String> evidence,
            Money atRisk,
            RiskAction action,
            String detail,
            String occasion) {
        return new Finding(
                rule.ruleId(),
                rule.version(),
                SubjectType.ORDER,
                order.orderId,
                order.customerId,
                order.sellerId,
                order.orderId,
                evidence,
                atRisk,
                action,
                detail,
                occasion);
    }

    /** A finding about the customer an event concerns, with its order where one is remembered; one per event. */
    static Finding aboutCustomer(
            RuleVersion rule,
            Remembered facts,
            List<String> evidence,
            Money atRisk,
            RiskAction action,
            String detail,
            Trigger trigger) {
        OrderFacts order = facts.order();
        return new Finding(
                rule.ruleId(),
                rule.version(),
                SubjectType.CUSTOMER,
                facts.customerId(),
                facts.customerId(),
                order == null ? null : order.sellerId,
                order == null ? null : order.orderId,
                evidence,
                atRisk,
                action,
                detail,
                trigger.eventId());
    }
}
