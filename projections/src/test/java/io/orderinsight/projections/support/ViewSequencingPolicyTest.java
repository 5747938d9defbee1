package io.orderinsight.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.OrderIds;
import io.orderinsight.domain.shared.PaymentId;
import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

class ViewSequencingPolicyTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final ViewSequencingPolicy policy = new ViewSequencingPolicy();

    @Test
    void anOrdersPaymentEventFollowsTheOrderNotThePayment() {
        PaymentCapturedEvent captured = new PaymentCapturedEvent(
                PaymentId.of("p-1"), OrderId.of("o-1"), Money.of(100, "EUR"), Money.of(100, "EUR"), AT);

        assertThat(policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Payment", "p-1", 1, captured)))
                .isEqualTo("o-1");
    }

    @Test
    void anOrderAggregatesEventFollowsItsAggregateWhichIsItsOrder() {
        OrderShippedEvent shipped = new OrderShippedEvent(OrderId.of("o-1"), "dhl", "t-1", AT);
        var event = new GenericDomainEventMessage<>(OrderIdSequencingPolicy.ORDER_AGGREGATE, "o-1", 3, shipped);

        assertThat(policy.getSequenceIdentifierFor(event))
                .isEqualTo(OrderIds.of(shipped).orElseThrow())
                .isEqualTo("o-1");
        // the aggregate decides, not the payload (which the coordinator does not decode for it)
        assertThat(policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>(
                        OrderIdSequencingPolicy.ORDER_AGGREGATE, "o-2", 0, "not an order event")))
                .isEqualTo("o-2");
    }

    /** An alert's view document follows the alert: its events stay in one sequence whatever subject they name. */
    @Test
    void anAlertEventFollowsTheAlertEvenWhenItsSubjectIsAnOrder() {
        AlertResolvedEvent resolved = new AlertResolvedEvent(
                AlertId.of("a-1"),
                "shipped-before-capture",
                SubjectType.ORDER,
                "o-1",
                "c-1",
                "s-1",
                "o-1",
                RiskAction.ALERT,
                AlertStatus.FALSE_POSITIVE,
                "checked",
                AT);

        assertThat(policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Alert", "a-1", 1, resolved)))
                .isEqualTo("a-1");
    }
}
