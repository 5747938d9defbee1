package io.orderinsight.command.support;

import static io.orderinsight.command.testing.Rejections.withCode;
import static io.orderinsight.domain.shared.RejectionCode.ORDER_NOT_FOUND;
import static io.orderinsight.domain.shared.RejectionCode.PAYMENT_NOT_FOUND;
import static io.orderinsight.domain.shared.RejectionCode.REFUND_NOT_FOUND;

import io.orderinsight.command.order.Order;
import io.orderinsight.command.payment.Payment;
import io.orderinsight.command.refund.Refund;
import io.orderinsight.command.testing.FakePersonalDataVault;
import io.orderinsight.domain.order.CancelOrderCommand;
import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.DeliverOrderCommand;
import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.PlaceOrderCommand;
import io.orderinsight.domain.order.ShipOrderCommand;
import io.orderinsight.domain.payment.CapturePaymentCommand;
import io.orderinsight.domain.payment.DisputeOutcome;
import io.orderinsight.domain.payment.OpenDisputeCommand;
import io.orderinsight.domain.payment.ResolveDisputeCommand;
import io.orderinsight.domain.payment.VoidPaymentCommand;
import io.orderinsight.domain.refund.ApproveRefundCommand;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.DisputeId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import io.orderinsight.domain.shared.SellerId;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AggregateNotFoundInterceptorTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final PaymentId PAYMENT = PaymentId.of("p-1");
    private static final RefundId REFUND = RefundId.of("r-1");
    private static final Money TOTAL = Money.of(10_000, "EUR");

    @Nested
    class Orders {

        private FixtureConfiguration<Order> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(Order.class);
            fixture.registerInjectableResource(new FakePersonalDataVault());
            fixture.registerInjectableResource((io.orderinsight.command.order.OrderBlockPolicy) customer -> false);
            fixture.registerCommandHandlerInterceptor(new AggregateNotFoundInterceptor());
        }

        @ParameterizedTest
        @MethodSource("io.orderinsight.command.support.AggregateNotFoundInterceptorTest#orderCommands")
        void answersOrderNotFoundForACommandOnAnUnknownOrder(Object command) {
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectNoEvents()
                    .expectException(CommandRejectedException.class)
                    .expectException(withCode(ORDER_NOT_FOUND));
        }

        @Test
        void letsACommandOnAKnownOrderThrough() {
            fixture.given(orderPlaced())
                    .when(new CancelOrderCommand(ORDER, "changed my mind", AT))
                    .expectEvents(new OrderCancelledEvent(ORDER, "changed my mind", AT));
        }

        @Test
        void letsACreationThrough() {
            fixture.givenNoPriorActivity()
                    .when(new PlaceOrderCommand(
                            ORDER,
                            CustomerId.of("c-1"),
                            SellerId.of("s-1"),
                            TOTAL.currency(),
                            Channel.LIVE,
                            "DE",
                            List.of(new OrderLine("sku-1", "toys", 1, TOTAL.minor())),
                            null,
                            AT))
                    .expectEvents(orderPlaced());
        }
    }

    @Nested
    class Payments {

        private FixtureConfiguration<Payment> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(Payment.class);
            fixture.registerCommandHandlerInterceptor(new AggregateNotFoundInterceptor());
        }

        @ParameterizedTest
        @MethodSource("io.orderinsight.command.support.AggregateNotFoundInterceptorTest#paymentCommands")
        void answersPaymentNotFoundForACommandOnAnUnknownPayment(Object command) {
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectNoEvents()
                    .expectException(CommandRejectedException.class)
                    .expectException(withCode(PAYMENT_NOT_FOUND));
        }
    }

    @Nested
    class Refunds {

        private FixtureConfiguration<Refund> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(Refund.class);
            fixture.registerCommandHandlerInterceptor(new AggregateNotFoundInterceptor());
        }

        @Test
        void answersRefundNotFoundForACommandOnAnUnknownRefund() {
            fixture.givenNoPriorActivity()
                    .when(new ApproveRefundCommand(REFUND, AT, false))
                    .expectNoEvents()
                    .expectException(CommandRejectedException.class)
                    .expectException(withCode(REFUND_NOT_FOUND));
        }
    }

    static Stream<Object> orderCommands() {
        return Stream.of(
                new CancelOrderCommand(ORDER, "changed my mind", AT),
                new ShipOrderCommand(ORDER, "DHL", "track-1", AT),
                new DeliverOrderCommand(ORDER, AT));
    }

    static Stream<Object> paymentCommands() {
        return Stream.of(
                new CapturePaymentCommand(PAYMENT, 1_000, AT),
                new VoidPaymentCommand(PAYMENT, AT),
                new OpenDisputeCommand(PAYMENT, DisputeId.of("d-1"), 1_000, "fraudulent", AT),
                new ResolveDisputeCommand(PAYMENT, DisputeId.of("d-1"), DisputeOutcome.WON, AT));
    }

    private static OrderPlacedEvent orderPlaced() {
        return new OrderPlacedEvent(
                ORDER,
                CustomerId.of("c-1"),
                SellerId.of("s-1"),
                Channel.LIVE,
                "DE",
                List.of(new OrderLine("sku-1", "toys", 1, TOTAL.minor())),
                TOTAL,
                null,
                AT);
    }
}
