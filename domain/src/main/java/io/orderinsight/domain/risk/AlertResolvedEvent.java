package io.orderinsight.domain.risk;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An analyst resolved an alert; the rule, subject and action are repeated so that precision needs no join.
 *
 * @param orderId the order the alert concerns, when it names one (its view keeps the order's open alerts). Revision 2
 *     added it; revision 1 events are read with their subject's id when the subject is an order, else none
 *     ({@code AlertResolvedUpcaster})
 */
@Revision("2")
public record AlertResolvedEvent(
        AlertId alertId,
        String ruleId,
        SubjectType subjectType,
        String subjectId,
        String customerId,
        String sellerId,
        String orderId,
        RiskAction action,
        AlertStatus outcome,
        String note,
        Instant occurredAt) {}
