package io.orderinsight.command.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.domain.customer.CustomerId;
import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.order.SellerId;
import io.orderinsight.domain.payment.DisputeId;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentId;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.refund.RefundId;
import io.orderinsight.domain.refund.RefundRequestedEvent;
import io.orderinsight.domain.refund.RefundStatus;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.domain.shared.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event-driven rules through {@link RiskEngine}, as live detection and backtests run them: each fires at its
 * threshold and not one below, names its evidence and money at risk, and fires once per occasion.
 */
class FraudRulesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final ReportingRates RATES = new ReportingRates("USD", Map.of("EUR", new BigDecimal("1.10")));

    private final MemoryFactStore facts = new MemoryFactStore();
    private RiskEngine engine = engineWith(Map.of());
    private int sequence;
    private Instant clock = T0;

    private static RiskEngine engineWith(Map<String, Map<String, String>> settings) {
        Map<String, RuleVersion> versions = new RiskProperties(settings).configuredVersions();
        return new RiskEngine((ruleId, at) -> versions.get(ruleId), RATES);
    }

    @Test
    void geoMismatchFiresFromTheMinimumAmountWhenCountriesDiffer() {
        place("o-1", "c-1", "s-1", 50_000, "USD", "DE");
        assertThat(authorize("p-1", "o-1", 50_000, "USD", "fp-1", "US", "DE"))
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.ruleId()).isEqualTo(RuleCatalog.GEO_MISMATCH);
                    assertThat(finding.subjectId()).isEqualTo("o-1");
                    assertThat(finding.moneyAtRisk()).isEqualTo(Money.of(50_000, "USD"));
                });
        assertThat(authorize("p-2", "o-1", 50_000, "USD", "fp-1", "US", "FR"))
                .as("once per order")
                .isEmpty();

        place("o-2", "c-2", "s-1", 49_999, "USD", "DE");
        assertThat(authorize("p-3", "o-2", 49_999, "USD", "fp-2", "US", "FR"))
                .as("one cent below")
                .isEmpty();
        place("o-3", "c-3", "s-1", 90_000, "USD", "DE");
        assertThat(authorize("p-4", "o-3", 90_000, "USD", "fp-3", "DE", "DE"))
                .as("countries agree")
                .isEmpty();
    }

    @Test
    void geoMismatchComparesInTheReportingCurrency() {
        place("o-1", "c-1", "s-1", 45_455, "EUR", "DE");
        assertThat(authorize("p-1", "o-1", 45_455, "EUR", "fp-1", "US", "DE")).hasSize(1);
        place("o-2", "c-2", "s-1", 45_454, "EUR", "DE");
        assertThat(authorize("p-2", "o-2", 45_454, "EUR", "fp-2", "US", "DE"))
                .as("499.99 USD")
                .isEmpty();
    }

    @Test
    void duplicateCaptureFiresOnASecondPaymentCapturedOnAFullyCapturedOrder() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        authorize("p-1", "o-1", 1_000, "USD", "fp-1", "DE", "DE");
        assertThat(capture("p-1", "o-1", 1_000)).isEmpty();
        authorize("p-2", "o-1", 1_000, "USD", "fp-1", "DE", "DE");
        assertThat(capture("p-2", "o-1", 700)).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.DUPLICATE_CAPTURE);
            assertThat(finding.moneyAtRisk()).isEqualTo(Money.of(700, "USD"));
            assertThat(finding.evidence()).hasSize(2);
        });
    }

    @Test
    void duplicateCaptureNeedsTheOrderFullyCapturedBefore() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        authorize("p-1", "o-1", 999, "USD", "fp-1", "DE", "DE");
        capture("p-1", "o-1", 999);
        authorize("p-2", "o-1", 1_000, "USD", "fp-1", "DE", "DE");
        assertThat(capture("p-2", "o-1", 1)).as("999 + 1 is exactly the total").isEmpty();
        assertThat(capture("p-2", "o-1", 1))
                .as("more on the payment that completed the total is over-capture, not a duplicate")
                .extracting(Finding::ruleId)
                .containsExactly(RuleCatalog.AMOUNT_MISMATCH);
    }

    @Test
    void amountMismatchFiresOnCapturesAboveTheTotalAndOnPartialCaptureAtShipment() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        authorize("p-1", "o-1", 2_000, "USD", "fp-1", "DE", "DE");
        assertThat(capture("p-1", "o-1", 1_000)).as("exactly the total").isEmpty();
        assertThat(capture("p-1", "o-1", 1)).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.AMOUNT_MISMATCH);
            assertThat(finding.moneyAtRisk()).isEqualTo(Money.of(1, "USD"));
        });
        assertThat(ship("o-1")).as("already alerted for this order").isEmpty();

        place("o-2", "c-2", "s-1", 1_000, "USD", "DE");
        authorize("p-2", "o-2", 1_000, "USD", "fp-2", "DE", "DE");
        capture("p-2", "o-2", 999);
        assertThat(ship("o-2"))
                .extracting(Finding::ruleId)
                .containsExactlyInAnyOrder(RuleCatalog.AMOUNT_MISMATCH, RuleCatalog.SHIPPED_BEFORE_CAPTURE);
    }

    @Test
    void shippedBeforeCaptureFiresBelowTheTotalExceptCashOnDelivery() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        assertThat(ship("o-1")).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.SHIPPED_BEFORE_CAPTURE);
            assertThat(finding.moneyAtRisk()).isEqualTo(Money.of(1_000, "USD"));
        });
        place("o-2", "c-2", "s-1", 1_000, "USD", "DE");
        authorize("p-2", "o-2", 1_000, "USD", "fp-2", "DE", "DE");
        capture("p-2", "o-2", 1_000);
        assertThat(ship("o-2")).as("fully captured").isEmpty();
        place("o-3", "c-3", "s-1", 1_000, "USD", "DE");
        run(trigger(new PaymentAuthorizedEvent(
                PaymentId.of("p-3"), OrderId.of("o-3"), Money.of(1_000, "USD"), PaymentMethod.COD, null, clock)));
        assertThat(ship("o-3")).as("cash on delivery").isEmpty();
    }

    @Test
    void chargebackAfterRefundPutsTheOverlapAtRisk() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        authorize("p-1", "o-1", 1_000, "USD", "fp-1", "DE", "DE");
        capture("p-1", "o-1", 1_000);
        assertThat(dispute("p-1", "o-1", "d-0", 100)).as("nothing refunded yet").isEmpty();
        settleRefund("r-1", "p-1", "o-1", 250);
        assertThat(dispute("p-1", "o-1", "d-1", 400)).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.CHARGEBACK_AFTER_REFUND);
            assertThat(finding.subjectType()).isEqualTo(SubjectType.PAYMENT);
            assertThat(finding.moneyAtRisk()).isEqualTo(Money.of(250, "USD"));
        });
    }

    @Test
    void refundAbuseHoldsAtTheThirdRequestWithinTheWindow() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        assertThat(requestRefund("r-1", "o-1", "c-1")).isEmpty();
        later(Duration.ofDays(3));
        assertThat(requestRefund("r-2", "o-1", "c-1")).isEmpty();
        later(Duration.ofDays(4).plusSeconds(1));
        assertThat(requestRefund("r-3", "o-1", "c-1"))
                .as("the first fell out of 7 days")
                .isEmpty();
        later(Duration.ofDays(1));
        assertThat(requestRefund("r-4", "o-1", "c-1")).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.REFUND_ABUSE);
            assertThat(finding.action()).isEqualTo(RiskAction.HOLD_REFUNDS);
            assertThat(finding.subjectId()).isEqualTo("c-1");
            assertThat(finding.evidence()).hasSize(3);
        });
        assertThat(requestRefund("r-5", "o-1", "c-1")).as("once per window").isEmpty();
    }

    @Test
    void refundAbuseHoldsWhenRefundsExceedTheShareOfCaptures() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        authorize("p-1", "o-1", 1_000, "USD", "fp-1", "DE", "DE");
        capture("p-1", "o-1", 1_000);
        assertThat(settleRefund("r-1", "p-1", "o-1", 300)).as("exactly 30%").isEmpty();
        assertThat(settleRefund("r-2", "p-1", "o-1", 1)).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.REFUND_ABUSE);
            assertThat(finding.moneyAtRisk()).isEqualTo(Money.of(1, "USD"));
        });
    }

    @Test
    void cardTestingBlocksAtTheFifthDeclineOfACustomerWithinAnHour() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        for (int i = 1; i <= 4; i++) {
            assertThat(decline("p-" + i, "o-1", "fp-1")).isEmpty();
            later(Duration.ofMinutes(10));
        }
        assertThat(decline("p-5", "o-1", "fp-1")).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.CARD_TESTING);
            assertThat(finding.subjectType()).isEqualTo(SubjectType.CUSTOMER);
            assertThat(finding.action()).isEqualTo(RiskAction.BLOCK_ORDERS);
            assertThat(finding.evidence()).hasSize(5);
        });
    }

    @Test
    void cardTestingIgnoresDeclinesOlderThanTheWindow() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        for (int i = 1; i <= 5; i++) {
            assertThat(decline("p-" + i, "o-1", "fp-1")).isEmpty();
            later(Duration.ofMinutes(16));
        }
    }

    @Test
    void cardTestingFiresForOneCardAcrossCustomers() {
        for (int i = 1; i <= 5; i++) {
            place("o-" + i, "c-" + i, "s-1", 1_000, "USD", "DE");
            List<Finding> findings = decline("p-" + i, "o-" + i, "fp-shared");
            if (i < 5) {
                assertThat(findings).isEmpty();
            } else {
                assertThat(findings).singleElement().satisfies(finding -> {
                    assertThat(finding.subjectType()).isEqualTo(SubjectType.CARD);
                    assertThat(finding.customerId()).isEqualTo("c-5");
                });
            }
        }
    }

    @Test
    void cardTestingBlocksAtTheThirdDistinctCardWithinAnHour() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        assertThat(authorize("p-1", "o-1", 1_000, "USD", "fp-1", "DE", "DE")).isEmpty();
        assertThat(authorize("p-2", "o-1", 1_000, "USD", "fp-2", "DE", "DE")).isEmpty();
        assertThat(authorize("p-3", "o-1", 1_000, "USD", "fp-2", "DE", "DE"))
                .as("the same card again")
                .isEmpty();
        assertThat(authorize("p-4", "o-1", 1_000, "USD", "fp-3", "DE", "DE"))
                .extracting(Finding::ruleId)
                .containsExactly(RuleCatalog.CARD_TESTING);
    }

    @Test
    void cardTestingCountsOnlyTheCardsWithinTheWindow() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        assertThat(authorize("p-1", "o-1", 1_000, "USD", "fp-1", "DE", "DE")).isEmpty();
        later(Duration.ofMinutes(61));
        assertThat(authorize("p-2", "o-1", 1_000, "USD", "fp-2", "DE", "DE")).isEmpty();
        assertThat(authorize("p-3", "o-1", 1_000, "USD", "fp-3", "DE", "DE"))
                .as("the first card is out of the window")
                .isEmpty();
        assertThat(authorize("p-4", "o-1", 1_000, "USD", "fp-1", "DE", "DE"))
                .singleElement()
                .satisfies(finding -> assertThat(finding.evidence()).hasSize(3));
    }

    @Test
    void merchantDisputeRatioWarnsAndThenAlerts() {
        engine = engineWith(Map.of(RuleCatalog.MERCHANT_DISPUTE_RATIO, Map.of("min-count", "4", "ratio", "0.5")));
        for (int i = 1; i <= 8; i++) {
            place("o-" + i, "c-" + i, "s-1", 1_000, "USD", "DE");
            authorize("p-" + i, "o-" + i, 1_000, "USD", "fp-" + i, "DE", "DE");
            capture("p-" + i, "o-" + i, 1_000);
        }
        assertThat(dispute("p-1", "o-1", "d-1", 1_000)).isEmpty();
        assertThat(dispute("p-2", "o-2", "d-2", 1_000)).isEmpty();
        assertThat(dispute("p-3", "o-3", "d-3", 1_000))
                .as("3 of 8 = 0.375, the warning at 75% of 0.5 with 75% of 4 disputes")
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.action()).isEqualTo(RiskAction.WARN);
                    assertThat(finding.subjectId()).isEqualTo("s-1");
                });
        assertThat(dispute("p-4", "o-4", "d-4", 1_000))
                .singleElement()
                .satisfies(finding -> assertThat(finding.action()).isEqualTo(RiskAction.ALERT));
        assertThat(dispute("p-5", "o-5", "d-5", 1_000)).as("once per month").isEmpty();
    }

    @Test
    void merchantDisputeRatioCanCountAgainstThePreviousMonth() {
        engine = engineWith(Map.of(
                RuleCatalog.MERCHANT_DISPUTE_RATIO,
                Map.of("min-count", "1", "ratio", "0.5", "denominator-month", "previous")));
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        authorize("p-1", "o-1", 1_000, "USD", "fp-1", "DE", "DE");
        capture("p-1", "o-1", 1_000);
        assertThat(dispute("p-1", "o-1", "d-1", 1_000))
                .as("no captures in February")
                .isEmpty();
        later(Duration.ofDays(31));
        assertThat(dispute("p-1", "o-1", "d-2", 1_000))
                .extracting(Finding::action)
                .containsExactly(RiskAction.ALERT);
    }

    @Test
    void merchantDisputeRatioWarnsWhenTheMonthIsProjectedToBreach() {
        engine = engineWith(Map.of(
                RuleCatalog.MERCHANT_DISPUTE_RATIO,
                Map.of("min-count", "8", "ratio", "0.5", "denominator-month", "previous")));
        for (int i = 1; i <= 20; i++) {
            place("o-" + i, "c-" + i, "s-1", 1_000, "USD", "DE");
            authorize("p-" + i, "o-" + i, 1_000, "USD", "fp-" + i, "DE", "DE");
            capture("p-" + i, "o-" + i, 1_000);
        }
        later(Duration.ofDays(31));
        // 1.4 days into April, over March's 20 captured payments: too few disputes yet to project from
        for (int i = 1; i <= 5; i++) {
            assertThat(dispute("p-" + i, "o-" + i, "d-" + i, 1_000)).isEmpty();
        }
        // the sixth (75% of 8): 6 of 20 now, projected to 127 and 6.35 by the month's end
        assertThat(dispute("p-6", "o-6", "d-6", 1_000)).singleElement().satisfies(finding -> {
            assertThat(finding.action()).isEqualTo(RiskAction.WARN);
            assertThat(finding.detail()).contains("projected to 127 and 6.35 by the month's end");
        });
        for (int i = 7; i <= 9; i++) {
            assertThat(dispute("p-" + i, "o-" + i, "d-" + i, 1_000))
                    .as("the projection stood for the warning")
                    .isEmpty();
        }
        // ten of twenty: the ratio, with at least eight
        assertThat(dispute("p-10", "o-10", "d-10", 1_000))
                .extracting(Finding::action)
                .containsExactly(RiskAction.ALERT);
    }

    @Test
    void aDisabledRuleFindsNothing() {
        engine = engineWith(Map.of(RuleCatalog.SHIPPED_BEFORE_CAPTURE, Map.of("enabled", "false")));
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        assertThat(ship("o-1")).isEmpty();
    }

    private List<Finding> place(
            String orderId, String customerId, String sellerId, long total, String currency, String ship) {
        return run(trigger(new OrderPlacedEvent(
                OrderId.of(orderId),
                CustomerId.of(customerId),
                SellerId.of(sellerId),
                Channel.SHOP,
                ship,
                List.of(new OrderLine("sku", "toys", 1, total)),
                Money.of(total, currency),
                null,
                clock)));
    }

    private List<Finding> authorize(
            String paymentId, String orderId, long amount, String currency, String card, String ip, String billing) {
        return run(trigger(new PaymentAuthorizedEvent(
                PaymentId.of(paymentId),
                OrderId.of(orderId),
                Money.of(amount, currency),
                PaymentMethod.CARD,
                new PaymentInstrument(card, ip, billing),
                clock)));
    }

    private List<Finding> decline(String paymentId, String orderId, String card) {
        return run(trigger(new PaymentDeclinedEvent(
                PaymentId.of(paymentId),
                OrderId.of(orderId),
                Money.of(1_000, "USD"),
                PaymentMethod.CARD,
                "insufficient funds",
                new PaymentInstrument(card, "DE", "DE"),
                clock)));
    }

    private List<Finding> capture(String paymentId, String orderId, long amount) {
        return run(trigger(new PaymentCapturedEvent(
                PaymentId.of(paymentId),
                OrderId.of(orderId),
                Money.of(amount, "USD"),
                Money.of(amount, "USD"),
                clock)));
    }

    private List<Finding> ship(String orderId) {
        return run(trigger(new OrderShippedEvent(OrderId.of(orderId), "DHL", "T-1", clock)));
    }

    private List<Finding> dispute(String paymentId, String orderId, String disputeId, long amount) {
        return run(trigger(new DisputeOpenedEvent(
                PaymentId.of(paymentId),
                OrderId.of(orderId),
                DisputeId.of(disputeId),
                Money.of(amount, "USD"),
                "fraud",
                clock)));
    }

    private List<Finding> settleRefund(String refundId, String paymentId, String orderId, long amount) {
        return run(trigger(new RefundSettledEvent(
                PaymentId.of(paymentId), OrderId.of(orderId), RefundId.of(refundId), Money.of(amount, "USD"), clock)));
    }

    private List<Finding> requestRefund(String refundId, String orderId, String customerId) {
        return run(trigger(new RefundRequestedEvent(
                RefundId.of(refundId),
                OrderId.of(orderId),
                PaymentId.of("p-x"),
                CustomerId.of(customerId),
                Money.of(100, "USD"),
                "damaged",
                RefundStatus.REQUESTED,
                clock)));
    }

    private Trigger trigger(Object payload) {
        sequence++;
        return new Trigger("e-" + sequence, clock, clock, payload);
    }

    private void later(Duration duration) {
        clock = clock.plus(duration);
    }

    private List<Finding> run(Trigger trigger) {
        return new ArrayList<>(engine.evaluate(trigger, facts));
    }
}
