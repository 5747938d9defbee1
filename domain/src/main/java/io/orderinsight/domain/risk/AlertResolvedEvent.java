package io.orderinsight.domain.risk;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An analyst resolved an alert; the rule, subject and action are repeated so that precision needs no join. */
@Revision("1")
public record AlertResolvedEvent(
        AlertId alertId,
        String ruleId,
        SubjectType subjectType,
        String subjectId,
        String customerId,
        String sellerId,
        RiskAction action,
        AlertStatus outcome,
        String note,
        Instant occurredAt) {}
