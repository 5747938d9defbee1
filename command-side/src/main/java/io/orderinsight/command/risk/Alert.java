package io.orderinsight.command.risk;

import static io.orderinsight.domain.shared.CommandRejectedException.invalid;
import static io.orderinsight.domain.shared.CommandRejectedException.invalidState;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.RaiseAlertCommand;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import java.time.Instant;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A rule's decision, OPEN until an analyst confirms it as fraud or finds it a false positive. It is raised from a
 * finding (once per occasion: its id is derived from the finding) and resolved once.
 */
@Aggregate
public class Alert {

    @AggregateIdentifier
    private AlertId alertId;

    private RiskAlertRaisedEvent raised;
    private AlertStatus status;

    protected Alert() {}

    /** Raises the alert a finding calls for, under the id {@link #idOf} gave it (having checked what names it). */
    Alert(AlertId alertId, RaiseAlertCommand finding) {
        require(finding.action(), "action");
        require(finding.occurredAt(), "occurredAt");
        boolean anomaly = RuleCatalog.anomaly(finding.ruleId());
        if (anomaly != (finding.anomaly() != null)) {
            throw invalid("anomaly", "an anomaly rule's finding carries what it saw, and only an anomaly rule's does");
        }
        if (anomaly && finding.moneyAtRisk() != null) {
            throw invalid("moneyAtRisk", "an anomaly is about an hour's figures: it puts no money at risk");
        }
        if (!anomaly && finding.evidence().isEmpty()) {
            throw invalid("evidence", "a rule fired on events names at least one of them");
        }
        apply(new RiskAlertRaisedEvent(
                alertId,
                finding.ruleId(),
                finding.ruleVersion(),
                finding.subjectType(),
                finding.subjectId(),
                finding.customerId(),
                finding.sellerId(),
                finding.orderId(),
                finding.evidence(),
                finding.moneyAtRisk(),
                finding.action(),
                finding.detail(),
                finding.occurredAt(),
                finding.anomaly()));
    }

    /**
     * The id of the alert a finding raises: derived from the rule, the subject and the occasion, so that a finding
     * raised again (after a restart, by a second judgement of an hour) is the same alert and changes nothing. An
     * anomaly's subject is named with its type and currency, its occasion is its hour.
     */
    static AlertId idOf(RaiseAlertCommand finding) {
        require(finding.ruleId(), "ruleId");
        require(finding.subjectType(), "subjectType");
        require(finding.subjectId(), "subjectId");
        require(finding.occasion(), "occasion");
        if (finding.anomaly() != null) {
            return AlertId.ofAnomaly(
                    finding.ruleId(),
                    finding.subjectType(),
                    finding.subjectId(),
                    finding.anomaly().currency(),
                    finding.anomaly().hour());
        }
        return AlertId.derive(finding.ruleId(), finding.subjectId(), finding.occasion());
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw invalid(field, field + " is required");
        }
    }

    AlertResolvedEvent resolve(AlertStatus outcome, String note, Instant occurredAt) {
        if (outcome == null || outcome == AlertStatus.OPEN) {
            throw invalid("outcome", "outcome must be CONFIRMED_FRAUD or FALSE_POSITIVE");
        }
        if (status != AlertStatus.OPEN) {
            throw invalidState("alert " + alertId + " was already resolved: it is " + status);
        }
        AlertResolvedEvent resolved = new AlertResolvedEvent(
                alertId,
                raised.ruleId(),
                raised.subjectType(),
                raised.subjectId(),
                raised.customerId(),
                raised.sellerId(),
                raised.orderId(),
                raised.action(),
                outcome,
                note,
                occurredAt);
        apply(resolved);
        return resolved;
    }

    @EventSourcingHandler
    void on(RiskAlertRaisedEvent event) {
        alertId = event.alertId();
        raised = event;
        status = AlertStatus.OPEN;
    }

    @EventSourcingHandler
    void on(AlertResolvedEvent event) {
        status = event.outcome();
    }
}
