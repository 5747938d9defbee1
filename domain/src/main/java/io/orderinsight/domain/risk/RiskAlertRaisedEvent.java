package io.orderinsight.domain.risk;

import io.orderinsight.domain.shared.Money;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A rule fired: the decision and everything that explains it.
 *
 * @param ruleVersion the version of the rule's thresholds that fired
 * @param evidence the ids of the events that made the rule fire
 * @param moneyAtRisk the money the finding puts at risk, in the subject's currency, or null when it names none
 * @param customerId the customer concerned, when there is one (holds and blocks apply to them)
 * @param sellerId the seller concerned, when known (for the loss ledger and seller KPIs)
 * @param detail a sentence naming the thresholds and the figures that crossed them
 * @param occurredAt when the triggering event happened upstream (an anomaly: the end of its hour)
 * @param anomaly what an anomaly rule saw (the hour, its band, the actual figure, the top contributors); null for the
 *     rules that fire on events, whose evidence is the events' ids. Revision 2 added it; revision 1 events are read
 *     with none ({@code RiskAlertRaisedUpcaster})
 */
@Revision("2")
public record RiskAlertRaisedEvent(
        AlertId alertId,
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
        Instant occurredAt,
        AnomalyEvidence anomaly) {}
