package io.orderinsight.command.payment;

import static io.orderinsight.command.testing.Rejections.withCode;
import static io.orderinsight.domain.shared.RejectionCode.CAPTURE_EXCEEDS_AUTHORIZED;
import static io.orderinsight.domain.shared.RejectionCode.DISPUTE_NOT_FOUND;
import static io.orderinsight.domain.shared.RejectionCode.DUPLICATE_ID;
import static io.orderinsight.domain.shared.RejectionCode.INVALID_STATE;
import static io.orderinsight.domain.shared.RejectionCode.VALIDATION_FAILED;

import io.orderinsight.domain.payment.CapturePaymentCommand;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.DisputeOutcome;
import io.orderinsight.domain.payment.DisputeResolvedEvent;
import io.orderinsight.domain.payment.OpenDisputeCommand;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.PaymentVoidedEvent;
import io.orderinsight.domain.payment.ResolveDisputeCommand;
import io.orderinsight.domain.payment.VoidPaymentCommand;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.DisputeId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final PaymentId PAYMENT = PaymentId.of("p-1");
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final DisputeId DISPUTE = DisputeId.of("d-1");
    private static final PaymentInstrument CARD = new PaymentInstrument("fp-1", "DE", "DE");

    private FixtureConfiguration<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
    }

    @Test
    void capturesPartOfTheAuthorization() {
        fixture.given(authorized(10_000))
                .when(new CapturePaymentCommand(PAYMENT, 4_000, AT))
                .expectEvents(new PaymentCapturedEvent(PAYMENT, ORDER, eur(4_000), eur(4_000), AT));
    }

    @Test
    void capturesTheRestAfterAPartialCapture() {
        fixture.given(authorized(10_000), captured(4_000, 4_000))
                .when(new CapturePaymentCommand(PAYMENT, 6_000, AT))
                .expectEvents(new PaymentCapturedEvent(PAYMENT, ORDER, eur(6_000), eur(10_000), AT));
    }

    @Test
    void rejectsCaptureAboveRemainingAuthorization() {
        fixture.given(authorized(10_000), captured(4_000, 4_000))
                .when(new CapturePaymentCommand(PAYMENT, 6_001, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(CAPTURE_EXCEEDS_AUTHORIZED));
    }

    @Test
    void rejectsCaptureAfterVoid() {
        fixture.given(authorized(10_000), captured(4_000, 4_000), voided(6_000))
                .when(new CapturePaymentCommand(PAYMENT, 1, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(CAPTURE_EXCEEDS_AUTHORIZED));
    }

    @Test
    void rejectsCaptureOnDeclinedPayment() {
        fixture.given(declined(10_000))
                .when(new CapturePaymentCommand(PAYMENT, 1_000, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(longs = {0, -1})
    void rejectsNonPositiveCapture(long amount) {
        fixture.given(authorized(10_000))
                .when(new CapturePaymentCommand(PAYMENT, amount, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(VALIDATION_FAILED));
    }

    @Test
    void voidsTheUncapturedRemainder() {
        fixture.given(authorized(10_000), captured(4_000, 4_000))
                .when(new VoidPaymentCommand(PAYMENT, AT))
                .expectEvents(voided(6_000));
    }

    @Test
    void rejectsVoidingFullyCapturedPayment() {
        fixture.given(authorized(10_000), captured(10_000, 10_000))
                .when(new VoidPaymentCommand(PAYMENT, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void rejectsVoidingTwice() {
        fixture.given(authorized(10_000), voided(10_000))
                .when(new VoidPaymentCommand(PAYMENT, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void rejectsVoidingDeclinedPayment() {
        fixture.given(declined(10_000))
                .when(new VoidPaymentCommand(PAYMENT, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void opensDisputeOnCapturedMoney() {
        fixture.given(authorized(10_000), captured(10_000, 10_000))
                .when(new OpenDisputeCommand(PAYMENT, DISPUTE, 3_000, "fraudulent", AT))
                .expectEvents(disputeOpened(DISPUTE, 3_000));
    }

    @Test
    void rejectsDisputeUnderTakenId() {
        fixture.given(authorized(10_000), captured(10_000, 10_000), disputeOpened(DISPUTE, 3_000))
                .when(new OpenDisputeCommand(PAYMENT, DISPUTE, 1_000, "fraudulent", AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(DUPLICATE_ID));
    }

    @Test
    void rejectsDisputeWithoutCapturedMoney() {
        fixture.given(authorized(10_000))
                .when(new OpenDisputeCommand(PAYMENT, DISPUTE, 1_000, "fraudulent", AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void rejectsDisputeAboveUndisputedCapturedMoney() {
        fixture.given(authorized(10_000), captured(10_000, 10_000), disputeOpened(DISPUTE, 6_000))
                .when(new OpenDisputeCommand(PAYMENT, DisputeId.of("d-2"), 4_001, "fraudulent", AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(VALIDATION_FAILED));
    }

    @Test
    void rejectsNonPositiveDispute() {
        fixture.given(authorized(10_000), captured(10_000, 10_000))
                .when(new OpenDisputeCommand(PAYMENT, DISPUTE, 0, "fraudulent", AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(VALIDATION_FAILED));
    }

    @ParameterizedTest
    @EnumSource(DisputeOutcome.class)
    void resolvesOpenDisputeWithItsOutcome(DisputeOutcome outcome) {
        fixture.given(authorized(10_000), captured(10_000, 10_000), disputeOpened(DISPUTE, 3_000))
                .when(new ResolveDisputeCommand(PAYMENT, DISPUTE, outcome, AT))
                .expectEvents(new DisputeResolvedEvent(PAYMENT, ORDER, DISPUTE, outcome, eur(3_000), AT));
    }

    @Test
    void rejectsResolvingUnknownDispute() {
        fixture.given(authorized(10_000), captured(10_000, 10_000), disputeOpened(DISPUTE, 3_000))
                .when(new ResolveDisputeCommand(PAYMENT, DisputeId.of("d-2"), DisputeOutcome.WON, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(DISPUTE_NOT_FOUND));
    }

    @Test
    void rejectsResolvingDisputeTwice() {
        fixture.given(
                        authorized(10_000),
                        captured(10_000, 10_000),
                        disputeOpened(DISPUTE, 3_000),
                        new DisputeResolvedEvent(PAYMENT, ORDER, DISPUTE, DisputeOutcome.WON, eur(3_000), AT))
                .when(new ResolveDisputeCommand(PAYMENT, DISPUTE, DisputeOutcome.LOST, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    private static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    private static PaymentAuthorizedEvent authorized(long amount) {
        return new PaymentAuthorizedEvent(PAYMENT, ORDER, eur(amount), PaymentMethod.CARD, CARD, AT);
    }

    private static PaymentDeclinedEvent declined(long amount) {
        return new PaymentDeclinedEvent(
                PAYMENT, ORDER, eur(amount), PaymentMethod.CARD, "insufficient funds", CARD, AT);
    }

    private static PaymentCapturedEvent captured(long amount, long capturedTotal) {
        return new PaymentCapturedEvent(PAYMENT, ORDER, eur(amount), eur(capturedTotal), AT);
    }

    private static PaymentVoidedEvent voided(long amount) {
        return new PaymentVoidedEvent(PAYMENT, ORDER, eur(amount), AT);
    }

    private static DisputeOpenedEvent disputeOpened(DisputeId dispute, long amount) {
        return new DisputeOpenedEvent(PAYMENT, ORDER, dispute, eur(amount), "fraudulent", AT);
    }
}
