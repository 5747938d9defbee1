package io.orderinsight.command.risk;

import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.RaiseAlertCommand;
import io.orderinsight.domain.risk.RecordRuleVersionCommand;
import io.orderinsight.domain.risk.ResolveAlertCommand;
import io.orderinsight.domain.risk.Restriction;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.RejectionCode;
import java.time.Clock;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * The risk team's decisions: an alert raised with the restriction it calls for, in one transaction; an alert
 * resolved, lifting its restriction when it was a false positive; a rule's new thresholds as its next version.
 */
public class RiskCommandHandler {

    private final Repository<Alert> alerts;
    private final Repository<CustomerRisk> customers;
    private final Repository<RiskRule> rules;
    private final EventStore eventStore;
    private final CustomerStanding standing;
    private final RuleBook ruleBook;
    private final Clock clock;

    public RiskCommandHandler(
            Repository<Alert> alerts,
            Repository<CustomerRisk> customers,
            Repository<RiskRule> rules,
            EventStore eventStore,
            CustomerStanding standing,
            RuleBook ruleBook,
            Clock clock) {
        this.alerts = alerts;
        this.customers = customers;
        this.rules = rules;
        this.eventStore = eventStore;
        this.standing = standing;
        this.ruleBook = ruleBook;
        this.clock = clock;
    }

    /**
     * Raises the alert a finding calls for unless it exists (a finding raised again after a restart is the same
     * alert), with the restriction its action calls for; returns the alert's id.
     */
    @CommandHandler
    public AlertId handle(RaiseAlertCommand command) throws Exception {
        AlertId alertId = Alert.idOf(command);
        if (exists(alertId.value())) {
            return alertId;
        }
        alerts.newInstance(() -> new Alert(alertId, command));
        Restriction restriction = restrictionOf(command.action());
        if (restriction != null && command.customerId() != null) {
            CustomerId customerId = CustomerId.of(command.customerId());
            customers
                    .loadOrCreate(CustomerRisk.idOf(customerId), CustomerRisk::new)
                    .execute(risk -> risk.restrict(customerId, restriction, alertId, command.occurredAt()));
            standing.restrict(customerId, restriction, alertId);
        }
        return alertId;
    }

    @CommandHandler
    public void handle(ResolveAlertCommand command) throws Exception {
        Aggregate<Alert> alert;
        try {
            alert = alerts.load(command.alertId().value());
        } catch (AggregateNotFoundException e) {
            throw new CommandRejectedException(
                    RejectionCode.ALERT_NOT_FOUND, "alert " + command.alertId() + " not found");
        }
        AlertResolvedEvent resolved =
                alert.invoke(a -> a.resolve(command.outcome(), command.note(), command.occurredAt()));
        if (resolved.outcome() == AlertStatus.FALSE_POSITIVE
                && restrictionOf(resolved.action()) != null
                && resolved.customerId() != null) {
            CustomerId customerId = CustomerId.of(resolved.customerId());
            Aggregate<CustomerRisk> risk = customers.load(CustomerRisk.idOf(customerId));
            Restriction lifted = risk.invoke(r -> r.lift(customerId, command.alertId(), command.occurredAt()));
            if (lifted != null) {
                standing.lift(customerId, lifted, command.alertId());
            }
        }
    }

    /** Records the rule's thresholds as its next version, effective for events recorded from now on. */
    @CommandHandler
    public long handle(RecordRuleVersionCommand command) throws Exception {
        RuleDefinition definition = RuleCatalog.find(command.ruleId())
                .orElseThrow(() -> new CommandRejectedException(
                        RejectionCode.RULE_NOT_FOUND, "rule " + command.ruleId() + " not found"));
        RuleVersion current = ruleBook.current(definition.id());
        Map<String, String> thresholds;
        try {
            thresholds = definition.apply(
                    current.thresholds(), command.thresholds() == null ? Map.of() : command.thresholds());
        } catch (IllegalArgumentException e) {
            throw CommandRejectedException.invalid("thresholds", e.getMessage());
        }
        boolean enabled = command.enabled() == null ? current.enabled() : command.enabled();
        long version = rules.loadOrCreate(RiskRule.idOf(definition.id()), RiskRule::new)
                .invoke(rule ->
                        rule.record(definition.id(), thresholds, enabled, command.source(), command.occurredAt()));
        ruleBook.record(
                new RuleVersion(definition.id(), version, thresholds, enabled, clock.instant()), command.source());
        return version;
    }

    private boolean exists(String aggregateId) {
        try {
            return eventStore.lastSequenceNumberFor(aggregateId).isPresent();
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    private static Restriction restrictionOf(RiskAction action) {
        return switch (action) {
            case HOLD_REFUNDS -> Restriction.REFUND_HOLD;
            case BLOCK_ORDERS -> Restriction.ORDER_BLOCK;
            default -> null;
        };
    }
}
