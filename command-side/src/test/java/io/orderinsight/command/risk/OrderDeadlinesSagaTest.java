package io.orderinsight.command.risk;

import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.PaymentVoidedEvent;
import io.orderinsight.domain.risk.CancelUnpaidOrderCommand;
import io.orderinsight.domain.risk.RaiseAlertCommand;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.SellerId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deadline rules as the saga runs them: scheduled on entry, cancelled on every way out, fired when due. */
class OrderDeadlinesSagaTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final String ORDER = "o-1";

    private SagaTestFixture<OrderDeadlinesSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderDeadlinesSaga.class);
        Map<String, RuleVersion> configured = new RiskProperties(Map.of()).configuredVersions();
        fixture.registerResource(new RuleBook(null, null, Clock.systemUTC(), configured) {
            @Override
            public void refreshIfStale() {}
        });
    }

    @Test
    void schedulesTheUnpaidOrderDeadlineAtPlacement() {
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER)
                .publishes(placed())
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void aCaptureCancelsTheUnpaidOrderDeadlineAndTheAuthorizationsDeadline() {
        fixture.givenAggregate(ORDER)
                .published(placed())
                .andThenAggregate("p-1")
                .published(authorized("p-1", PaymentMethod.CARD))
                .whenAggregate("p-1")
                .publishes(new PaymentCapturedEvent(PaymentId.of("p-1"), OrderId.of(ORDER), usd(1_000), usd(1_000), AT))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void aCancellationOrAShipmentCancelsTheUnpaidOrderDeadline() {
        fixture.givenAggregate(ORDER)
                .published(placed())
                .whenAggregate(ORDER)
                .publishes(new OrderCancelledEvent(OrderId.of(ORDER), "changed my mind", AT))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        setUp();
        fixture.givenAggregate(ORDER)
                .published(placed())
                .whenAggregate(ORDER)
                .publishes(new OrderShippedEvent(OrderId.of(ORDER), "DHL", "T-1", AT))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void cashOnDeliveryIsNeitherUnpaidNorAStuckAuthorization() {
        fixture.givenAggregate(ORDER)
                .published(placed())
                .whenAggregate("p-1")
                .publishes(authorized("p-1", PaymentMethod.COD))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void aVoidCancelsTheAuthorizationsDeadline() {
        fixture.givenAggregate(ORDER)
                .published(placed())
                .andThenAggregate("p-1")
                .published(
                        authorized("p-1", PaymentMethod.CARD),
                        new PaymentCapturedEvent(PaymentId.of("p-2"), OrderId.of(ORDER), usd(1_000), usd(1_000), AT))
                .whenAggregate("p-1")
                .publishes(new PaymentVoidedEvent(PaymentId.of("p-1"), OrderId.of(ORDER), usd(1_000), AT))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void anUnpaidOrderIsAlertedAndCancelledWhenItsDeadlinePasses() {
        fixture.givenAggregate(ORDER)
                .published(placed())
                .whenTimeElapses(Duration.ofMinutes(30).plusSeconds(1))
                .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.<Object>instanceOf(RaiseAlertCommand.class)),
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.<Object>instanceOf(CancelUnpaidOrderCommand.class)),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void nothingFiresOneMomentBeforeTheDeadline() {
        fixture.givenAggregate(ORDER)
                .published(placed())
                .whenTimeElapses(Duration.ofMinutes(30).minusSeconds(1))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void aStuckAuthorizationIsAlertedWithTheAmountHeld() {
        fixture.givenAggregate(ORDER)
                .published(placed())
                .andThenAggregate("p-1")
                .published(
                        authorized("p-1", PaymentMethod.CARD),
                        new PaymentCapturedEvent(PaymentId.of("p-2"), OrderId.of(ORDER), usd(1_000), usd(1_000), AT))
                .whenTimeElapses(Duration.ofDays(7).plusSeconds(1))
                .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(org.hamcrest.Matchers.<Object>allOf(
                                org.hamcrest.Matchers.instanceOf(RaiseAlertCommand.class),
                                org.hamcrest.Matchers.hasToString(
                                        org.hamcrest.Matchers.containsString("stale-authorization")),
                                org.hamcrest.Matchers.hasToString(
                                        org.hamcrest.Matchers.containsString("moneyAtRisk=1000 USD")),
                                org.hamcrest.Matchers.hasToString(
                                        org.hamcrest.Matchers.containsString(RiskAction.ALERT.name())))),
                        org.axonframework.test.matchers.Matchers.andNoMore()))
                .expectActiveSagas(0);
    }

    @Test
    void aStuckAuthorizationIsNotAlertedOneMomentBeforeItsDeadline() {
        fixture.givenAggregate(ORDER)
                .published(placed())
                .andThenAggregate("p-1")
                .published(
                        authorized("p-1", PaymentMethod.CARD),
                        new PaymentCapturedEvent(PaymentId.of("p-2"), OrderId.of(ORDER), usd(1_000), usd(1_000), AT))
                .whenTimeElapses(Duration.ofDays(7).minusSeconds(1))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    private static OrderPlacedEvent placed() {
        return new OrderPlacedEvent(
                OrderId.of(ORDER),
                CustomerId.of("c-1"),
                SellerId.of("s-1"),
                Channel.SHOP,
                "DE",
                List.of(new OrderLine("sku", "toys", 1, 1_000)),
                usd(1_000),
                null,
                AT);
    }

    private static PaymentAuthorizedEvent authorized(String paymentId, PaymentMethod method) {
        return new PaymentAuthorizedEvent(PaymentId.of(paymentId), OrderId.of(ORDER), usd(1_000), method, null, AT);
    }

    private static Money usd(long minor) {
        return Money.of(minor, "USD");
    }
}
