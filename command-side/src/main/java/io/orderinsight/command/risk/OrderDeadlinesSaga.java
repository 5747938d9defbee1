package io.orderinsight.command.risk;

import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.PaymentVoidedEvent;
import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.CancelUnpaidOrderCommand;
import io.orderinsight.domain.risk.RaiseAlertCommand;
import io.orderinsight.domain.shared.MetadataKeys;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Runs the two rules that fire on something not happening in time, per order, on Axon's persistent (db-scheduler)
 * deadline manager so a deadline survives restarts: <b>unpaid-order</b> (placed, not captured in time, not
 * cash-on-delivery: cancel it) and <b>stale-authorization</b> (authorized other than cash-on-delivery, neither
 * captured nor voided in time).
 * Every exit cancels the deadline it makes moot; the saga ends when no deadline is pending. The deadlines use the
 * rule version in force when the starting event was recorded.
 */
@Saga
@ProcessingGroup(OrderDeadlinesSaga.PROCESSING_GROUP)
public class OrderDeadlinesSaga {

    public static final String PROCESSING_GROUP = "risk-deadlines";
    static final String UNPAID = RuleCatalog.UNPAID_ORDER;
    static final String STALE = RuleCatalog.STALE_AUTHORIZATION;

    @Autowired
    private transient DeadlineManager deadlines;

    @Autowired
    private transient CommandGateway commands;

    @Autowired
    private transient RuleBook rules;

    private String orderId;
    private String customerId;
    private String sellerId;
    private Money total;
    private String placedEventId;
    private String unpaidDeadline;
    private long unpaidVersion;
    private Map<String, Authorization> authorizations = new LinkedHashMap<>();

    /** An authorization waiting to be captured or voided. */
    record Authorization(String deadlineId, Money amount, String eventId, long ruleVersion) {}

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderPlacedEvent event, EventMessage<?> message) {
        orderId = event.orderId().value();
        customerId = event.customerId().value();
        sellerId = event.sellerId().value();
        total = event.total();
        placedEventId = message.getIdentifier();
        rules.refreshIfStale();
        RuleVersion rule = rules.at(UNPAID, message.getTimestamp());
        if (rule.enabled()) {
            unpaidVersion = rule.version();
            unpaidDeadline = deadlines.schedule(DeadlineRules.unpaidOrderDue(message.getTimestamp(), rule), UNPAID);
        }
        endIfNothingPending();
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(PaymentAuthorizedEvent event, EventMessage<?> message) {
        orderId = event.orderId().value();
        if (event.method() == PaymentMethod.COD) {
            // paid on delivery: neither unpaid in advance nor money held on a card
            cancelUnpaid();
            endIfNothingPending();
            return;
        }
        rules.refreshIfStale();
        RuleVersion rule = rules.at(STALE, message.getTimestamp());
        String paymentId = event.paymentId().value();
        if (rule.enabled() && !authorizations.containsKey(paymentId)) {
            String deadlineId = deadlines.schedule(
                    DeadlineRules.staleAuthorizationDue(message.getTimestamp(), rule), STALE, paymentId);
            authorizations.put(
                    paymentId, new Authorization(deadlineId, event.amount(), message.getIdentifier(), rule.version()));
        }
        endIfNothingPending();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(PaymentCapturedEvent event) {
        cancelUnpaid();
        settle(event.paymentId().value());
        endIfNothingPending();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(PaymentVoidedEvent event) {
        settle(event.paymentId().value());
        endIfNothingPending();
    }

    /** A shipped order can no longer be cancelled; shipped-before-capture judges what it left unpaid. */
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderShippedEvent event) {
        cancelUnpaid();
        endIfNothingPending();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderCancelledEvent event) {
        cancelUnpaid();
        endIfNothingPending();
    }

    @DeadlineHandler(deadlineName = UNPAID)
    public void unpaidOrderDue(@Timestamp Instant now) {
        unpaidDeadline = null;
        RuleVersion rule = version(UNPAID, unpaidVersion);
        Finding finding = DeadlineRules.unpaidOrder(orderId, customerId, sellerId, total, placedEventId, rule);
        AlertId alertId = raise(finding, now);
        send(new CancelUnpaidOrderCommand(OrderId.of(orderId), alertId, finding.detail(), now));
        endIfNothingPending();
    }

    @DeadlineHandler(deadlineName = STALE)
    public void staleAuthorizationDue(String paymentId, @Timestamp Instant now) {
        Authorization authorization = authorizations.remove(paymentId);
        if (authorization != null) {
            RuleVersion rule = version(STALE, authorization.ruleVersion());
            raise(
                    DeadlineRules.staleAuthorization(
                            paymentId,
                            orderId,
                            customerId,
                            sellerId,
                            authorization.amount(),
                            authorization.eventId(),
                            rule),
                    now);
        }
        endIfNothingPending();
    }

    private AlertId raise(Finding finding, Instant now) {
        RaiseAlertCommand command =
                RiskDetector.commandOf(finding, new Trigger(finding.evidence().get(0), now, now, null));
        send(command);
        return Alert.idOf(command);
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(MetadataKeys.PRINCIPAL, "rule:deadline", MetadataKeys.SOURCE, "risk")));
    }

    /** The version that scheduled the deadline, for the alert to name. */
    private RuleVersion version(String ruleId, long number) {
        rules.refreshIfStale();
        return rules.numbered(ruleId, number);
    }

    private void cancelUnpaid() {
        if (unpaidDeadline != null) {
            deadlines.cancelSchedule(UNPAID, unpaidDeadline);
            unpaidDeadline = null;
        }
    }

    private void settle(String paymentId) {
        Authorization authorization = authorizations.remove(paymentId);
        if (authorization != null) {
            deadlines.cancelSchedule(STALE, authorization.deadlineId());
        }
    }

    private void endIfNothingPending() {
        if (unpaidDeadline == null && authorizations.isEmpty()) {
            SagaLifecycle.end();
        }
    }
}
