package io.orderinsight.command.risk;

import static io.orderinsight.domain.shared.CommandRejectedException.invalid;
import static io.orderinsight.domain.shared.CommandRejectedException.invalidState;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import java.time.Instant;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A rule's decision, OPEN until an analyst confirms it as fraud or finds it a false positive. */
@Aggregate
public class Alert {

    @AggregateIdentifier
    private AlertId alertId;

    private RiskAlertRaisedEvent raised;
    private AlertStatus status;

    protected Alert() {}

    Alert(RiskAlertRaisedEvent event) {
        apply(event);
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
