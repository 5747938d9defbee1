package io.orderinsight.command.refund;

import static io.orderinsight.command.testing.Rejections.withCode;
import static io.orderinsight.domain.shared.RejectionCode.CURRENCY_MISMATCH;
import static io.orderinsight.domain.shared.RejectionCode.DUPLICATE_ID;
import static io.orderinsight.domain.shared.RejectionCode.INVALID_STATE;
import static io.orderinsight.domain.shared.RejectionCode.ORDER_NOT_FOUND;
import static io.orderinsight.domain.shared.RejectionCode.PAYMENT_NOT_FOUND;
import static io.orderinsight.domain.shared.RejectionCode.REFUND_EXCEEDS_REFUNDABLE;
import static io.orderinsight.domain.shared.RejectionCode.REFUND_NOT_FOUND;
import static io.orderinsight.domain.shared.RejectionCode.VALIDATION_FAILED;
import static org.hamcrest.Matchers.containsString;

import io.orderinsight.command.order.Order;
import io.orderinsight.command.payment.Payment;
import io.orderinsight.command.support.AggregateTypes;
import io.orderinsight.command.testing.CompanionEventStore;
import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.DisputeOutcome;
import io.orderinsight.domain.payment.DisputeResolvedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.RefundReservationReleasedEvent;
import io.orderinsight.domain.payment.RefundReservedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.refund.CompleteRefundCommand;
import io.orderinsight.domain.refund.RefundApprovedEvent;
import io.orderinsight.domain.refund.RefundCompletedEvent;
import io.orderinsight.domain.refund.RefundRejectedEvent;
import io.orderinsight.domain.refund.RefundRequestedEvent;
import io.orderinsight.domain.refund.RefundStatus;
import io.orderinsight.domain.refund.RejectRefundCommand;
import io.orderinsight.domain.refund.RequestRefundCommand;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.DisputeId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import io.orderinsight.domain.shared.SellerId;
import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The payment is the fixture's aggregate; the order and the refund live in the companion store. */
class RefundCommandHandlerTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final CustomerId CUSTOMER = CustomerId.of("c-1");
    private static final PaymentId PAYMENT = PaymentId.of("p-1");
    private static final RefundId REFUND = RefundId.of("r-1");
    private static final PaymentInstrument CARD = new PaymentInstrument("fp-1", "DE", "DE");

    private final Set<CustomerId> heldForReview = new HashSet<>();
    private FixtureConfiguration<Payment> fixture;
    private CompanionEventStore others;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        others = CompanionEventStore.beside(fixture.getEventStore());
        fixture.registerAnnotatedCommandHandler(new RefundCommandHandler(
                others.repository(Order.class),
                fixture.getRepository(),
                others.repository(Refund.class),
                others,
                heldForReview::contains));
    }

    @Test
    void reservesTheRefundOnThePaymentThenRequestsIt() {
        givenOrder(ORDER);

        fixture.given(authorized(10_000), captured(10_000))
                .when(request(2_000, EUR))
                .expectEvents(reserved(REFUND, 2_000), requested(2_000, RefundStatus.REQUESTED));
    }

    @Test
    void holdsTheRefundForReviewWhenItsCustomerIsHeld() {
        givenOrder(ORDER);
        heldForReview.add(CUSTOMER);

        fixture.given(authorized(10_000), captured(10_000))
                .when(request(2_000, EUR))
                .expectEvents(reserved(REFUND, 2_000), requested(2_000, RefundStatus.PENDING_REVIEW));
    }

    @Test
    void takesTheOrderCurrencyWhenTheRefundNamesNone() {
        givenOrder(ORDER);

        fixture.given(authorized(10_000), captured(10_000))
                .when(request(2_000, null))
                .expectEvents(reserved(REFUND, 2_000), requested(2_000, RefundStatus.REQUESTED));
    }

    @Test
    void refundsExactlyTheRefundableAmount() {
        givenOrder(ORDER);

        fixture.given(paymentWithRefundable5000())
                .when(request(5_000, EUR))
                .expectEvents(reserved(REFUND, 5_000), requested(5_000, RefundStatus.REQUESTED));
    }

    @Test
    void rejectsARefundIdThatIsAlreadyTaken() {
        givenOrder(ORDER);
        others.given("Refund", REFUND.value(), requested(1_000, RefundStatus.REQUESTED));

        fixture.given(authorized(10_000), captured(10_000))
                .when(request(2_000, EUR))
                .expectNoEvents()
                .expectException(withCode(DUPLICATE_ID));
    }

    @Test
    void rejectsRefundAboveRefundableAmount() {
        givenOrder(ORDER);

        fixture.given(paymentWithRefundable5000())
                .when(request(5_001, EUR))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(REFUND_EXCEEDS_REFUNDABLE))
                .expectExceptionMessage(containsString("exceeds refundable 5000 EUR"));
    }

    @Test
    void restoresTheRefundableAmountWhenADisputeIsWon() {
        givenOrder(ORDER);

        fixture.given(
                        authorized(10_000),
                        captured(10_000),
                        disputeOpened("d-1", 4_000),
                        new DisputeResolvedEvent(
                                PAYMENT, ORDER, DisputeId.of("d-1"), DisputeOutcome.WON, eur(4_000), AT))
                .when(request(10_000, EUR))
                .expectEvents(reserved(REFUND, 10_000), requested(10_000, RefundStatus.REQUESTED));
    }

    @Test
    void restoresTheRefundableAmountWhenARefundIsRejected() {
        givenOrder(ORDER);

        fixture.given(
                        authorized(10_000),
                        captured(10_000),
                        reserved(RefundId.of("r-0"), 10_000),
                        new RefundReservationReleasedEvent(PAYMENT, ORDER, RefundId.of("r-0"), eur(10_000), AT))
                .when(request(10_000, EUR))
                .expectEvents(reserved(REFUND, 10_000), requested(10_000, RefundStatus.REQUESTED));
    }

    @Test
    void rejectsRefundOnPaymentOfAnotherOrder() {
        OrderId otherOrder = OrderId.of("o-2");
        givenOrder(ORDER);
        givenOrder(otherOrder);

        fixture.given(authorized(10_000), captured(10_000))
                .when(new RequestRefundCommand(REFUND, otherOrder, PAYMENT, 2_000, EUR, "damaged", AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(VALIDATION_FAILED));
    }

    @Test
    void rejectsRefundOnUnknownPayment() {
        givenOrder(ORDER);

        fixture.givenNoPriorActivity()
                .when(request(2_000, EUR))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(PAYMENT_NOT_FOUND));
    }

    @Test
    void rejectsRefundForUnknownOrder() {
        fixture.given(authorized(10_000), captured(10_000))
                .when(request(2_000, EUR))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(ORDER_NOT_FOUND));
    }

    @Test
    void rejectsRefundInAnotherCurrencyThanItsOrder() {
        givenOrder(ORDER);

        fixture.given(authorized(10_000), captured(10_000))
                .when(request(2_000, Currency.getInstance("USD")))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(CURRENCY_MISMATCH));
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(longs = {0, -1})
    void rejectsNonPositiveRefund(long amount) {
        givenOrder(ORDER);

        fixture.given(authorized(10_000), captured(10_000))
                .when(request(amount, EUR))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(VALIDATION_FAILED));
    }

    @Test
    void rejectsRefundOnDeclinedPayment() {
        givenOrder(ORDER);

        fixture.given(new PaymentDeclinedEvent(
                        PAYMENT, ORDER, eur(10_000), PaymentMethod.CARD, "insufficient funds", CARD, AT))
                .when(request(2_000, EUR))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void rejectingARefundReleasesItsReservation() {
        givenRefund(requested(2_000, RefundStatus.REQUESTED));

        fixture.given(authorized(10_000), captured(10_000), reserved(REFUND, 2_000))
                .when(new RejectRefundCommand(REFUND, "not eligible", AT, false))
                .expectEvents(
                        new RefundRejectedEvent(REFUND, ORDER, PAYMENT, eur(2_000), "not eligible", AT),
                        new RefundReservationReleasedEvent(PAYMENT, ORDER, REFUND, eur(2_000), AT));
    }

    @Test
    void rejectsRejectingAnApprovedRefund() {
        givenRefund(requested(2_000, RefundStatus.REQUESTED), approved(2_000));

        fixture.given(authorized(10_000), captured(10_000), reserved(REFUND, 2_000))
                .when(new RejectRefundCommand(REFUND, "not eligible", AT, false))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void rejectsRejectingAnUnknownRefund() {
        fixture.given(authorized(10_000), captured(10_000))
                .when(new RejectRefundCommand(REFUND, "not eligible", AT, false))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(REFUND_NOT_FOUND));
    }

    @Test
    void recordsNoRejectionWhenThePaymentHoldsNoReservationForTheRefund() {
        givenRefund(requested(2_000, RefundStatus.REQUESTED));

        fixture.given(authorized(10_000), captured(10_000))
                .when(new RejectRefundCommand(REFUND, "not eligible", AT, false))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void completingARefundSettlesItOnThePayment() {
        givenRefund(requested(2_000, RefundStatus.REQUESTED), approved(2_000));

        fixture.given(authorized(10_000), captured(10_000), reserved(REFUND, 2_000))
                .when(new CompleteRefundCommand(REFUND, AT))
                .expectEvents(
                        new RefundCompletedEvent(REFUND, ORDER, PAYMENT, eur(2_000), AT),
                        new RefundSettledEvent(PAYMENT, ORDER, REFUND, eur(2_000), AT));
    }

    @Test
    void rejectsCompletingARefundNotApproved() {
        givenRefund(requested(2_000, RefundStatus.REQUESTED));

        fixture.given(authorized(10_000), captured(10_000), reserved(REFUND, 2_000))
                .when(new CompleteRefundCommand(REFUND, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void recordsNoCompletionWhenThePaymentHoldsNoReservationForTheRefund() {
        givenRefund(requested(2_000, RefundStatus.REQUESTED), approved(2_000));

        fixture.given(authorized(10_000), captured(10_000))
                .when(new CompleteRefundCommand(REFUND, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void rejectsCompletingAnUnknownRefund() {
        fixture.given(authorized(10_000), captured(10_000))
                .when(new CompleteRefundCommand(REFUND, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(REFUND_NOT_FOUND));
    }

    /** Captured 10000 − refunded 2000 − in flight 1000 − open dispute 1500 − lost dispute 500. */
    private static List<Object> paymentWithRefundable5000() {
        RefundId settled = RefundId.of("r-settled");
        RefundId inFlight = RefundId.of("r-in-flight");
        return List.of(
                authorized(10_000),
                captured(10_000),
                reserved(settled, 2_000),
                new RefundSettledEvent(PAYMENT, ORDER, settled, eur(2_000), AT),
                reserved(inFlight, 1_000),
                disputeOpened("d-open", 1_500),
                disputeOpened("d-lost", 500),
                new DisputeResolvedEvent(PAYMENT, ORDER, DisputeId.of("d-lost"), DisputeOutcome.LOST, eur(500), AT));
    }

    private void givenOrder(OrderId orderId) {
        others.given(
                AggregateTypes.ORDER,
                orderId.value(),
                new OrderPlacedEvent(
                        orderId,
                        CUSTOMER,
                        SellerId.of("s-1"),
                        Channel.LIVE,
                        "DE",
                        List.of(new OrderLine("sku-1", "toys", 1, 10_000)),
                        eur(10_000),
                        null,
                        AT));
    }

    private void givenRefund(Object... events) {
        others.given(AggregateTypes.REFUND, REFUND.value(), events);
    }

    private static RequestRefundCommand request(long amount, Currency currency) {
        return new RequestRefundCommand(REFUND, ORDER, PAYMENT, amount, currency, "damaged", AT);
    }

    private static Money eur(long minor) {
        return Money.of(minor, EUR);
    }

    private static PaymentAuthorizedEvent authorized(long amount) {
        return new PaymentAuthorizedEvent(PAYMENT, ORDER, eur(amount), PaymentMethod.CARD, CARD, AT);
    }

    private static PaymentCapturedEvent captured(long amount) {
        return new PaymentCapturedEvent(PAYMENT, ORDER, eur(amount), eur(amount), AT);
    }

    private static RefundReservedEvent reserved(RefundId refund, long amount) {
        return new RefundReservedEvent(PAYMENT, ORDER, refund, eur(amount), AT);
    }

    private static DisputeOpenedEvent disputeOpened(String dispute, long amount) {
        return new DisputeOpenedEvent(PAYMENT, ORDER, DisputeId.of(dispute), eur(amount), "fraudulent", AT);
    }

    private static RefundRequestedEvent requested(long amount, RefundStatus status) {
        return new RefundRequestedEvent(REFUND, ORDER, PAYMENT, CUSTOMER, eur(amount), "damaged", status, AT);
    }

    private static RefundApprovedEvent approved(long amount) {
        return new RefundApprovedEvent(REFUND, ORDER, PAYMENT, eur(amount), AT);
    }
}
