package io.orderinsight.command.payment;

import static io.orderinsight.command.testing.Rejections.withCode;
import static io.orderinsight.domain.shared.RejectionCode.CURRENCY_MISMATCH;
import static io.orderinsight.domain.shared.RejectionCode.ORDER_NOT_FOUND;
import static io.orderinsight.domain.shared.RejectionCode.VALIDATION_FAILED;

import io.orderinsight.command.order.Order;
import io.orderinsight.command.support.AggregateTypes;
import io.orderinsight.command.testing.CompanionEventStore;
import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.PaymentOutcome;
import io.orderinsight.domain.payment.RecordPaymentCommand;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.SellerId;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentCommandHandlerTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final PaymentId PAYMENT = PaymentId.of("p-1");
    private static final PaymentInstrument CARD = new PaymentInstrument("fp-1", "DE", "DE");

    private FixtureConfiguration<Payment> fixture;
    private CompanionEventStore others;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        others = CompanionEventStore.beside(fixture.getEventStore());
        fixture.registerAnnotatedCommandHandler(
                new PaymentCommandHandler(others.repository(Order.class), fixture.getRepository()));
    }

    @Test
    void recordsAuthorizedPayment() {
        others.given(AggregateTypes.ORDER, ORDER.value(), orderPlaced(Money.of(10_000, "EUR")));

        fixture.givenNoPriorActivity()
                .when(record(Money.of(10_000, "EUR"), PaymentOutcome.AUTHORIZED, null))
                .expectEvents(new PaymentAuthorizedEvent(
                        PAYMENT, ORDER, Money.of(10_000, "EUR"), PaymentMethod.CARD, CARD, AT));
    }

    @Test
    void recordsDeclinedPayment() {
        others.given(AggregateTypes.ORDER, ORDER.value(), orderPlaced(Money.of(10_000, "EUR")));

        fixture.givenNoPriorActivity()
                .when(record(Money.of(10_000, "EUR"), PaymentOutcome.DECLINED, "insufficient funds"))
                .expectEvents(new PaymentDeclinedEvent(
                        PAYMENT, ORDER, Money.of(10_000, "EUR"), PaymentMethod.CARD, "insufficient funds", CARD, AT));
    }

    @Test
    void rejectsPaymentForUnknownOrder() {
        fixture.givenNoPriorActivity()
                .when(record(Money.of(10_000, "EUR"), PaymentOutcome.AUTHORIZED, null))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(ORDER_NOT_FOUND));
    }

    @Test
    void rejectsPaymentInAnotherCurrencyThanItsOrder() {
        others.given(AggregateTypes.ORDER, ORDER.value(), orderPlaced(Money.of(10_000, "EUR")));

        fixture.givenNoPriorActivity()
                .when(record(Money.of(10_000, "USD"), PaymentOutcome.AUTHORIZED, null))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(CURRENCY_MISMATCH));
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(longs = {0, -1})
    void rejectsNonPositivePayment(long amount) {
        others.given(AggregateTypes.ORDER, ORDER.value(), orderPlaced(Money.of(10_000, "EUR")));

        fixture.givenNoPriorActivity()
                .when(record(Money.of(amount, "EUR"), PaymentOutcome.AUTHORIZED, null))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(VALIDATION_FAILED));
    }

    private static RecordPaymentCommand record(Money amount, PaymentOutcome outcome, String declineReason) {
        return new RecordPaymentCommand(PAYMENT, ORDER, amount, PaymentMethod.CARD, outcome, declineReason, CARD, AT);
    }

    private static OrderPlacedEvent orderPlaced(Money total) {
        return new OrderPlacedEvent(
                ORDER,
                CustomerId.of("c-1"),
                SellerId.of("s-1"),
                Channel.LIVE,
                "DE",
                List.of(new OrderLine("sku-1", "toys", 1, total.minor())),
                total,
                null,
                AT);
    }
}
