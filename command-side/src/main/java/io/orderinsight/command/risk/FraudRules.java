package io.orderinsight.command.risk;

import static io.orderinsight.command.risk.RuleCatalog.AMOUNT_MISMATCH;
import static io.orderinsight.command.risk.RuleCatalog.CARD_TESTING;
import static io.orderinsight.command.risk.RuleCatalog.CHARGEBACK_AFTER_REFUND;
import static io.orderinsight.command.risk.RuleCatalog.DISPUTES_AND_FRAUD;
import static io.orderinsight.command.risk.RuleCatalog.DUPLICATE_CAPTURE;
import static io.orderinsight.command.risk.RuleCatalog.GEO_MISMATCH;
import static io.orderinsight.command.risk.RuleCatalog.MERCHANT_DISPUTE_RATIO;
import static io.orderinsight.command.risk.RuleCatalog.PREVIOUS_MONTH;
import static io.orderinsight.command.risk.RuleCatalog.REFUND_ABUSE;
import static io.orderinsight.command.risk.RuleCatalog.SHIPPED_BEFORE_CAPTURE;

import io.orderinsight.command.risk.Facts.CardFacts;
import io.orderinsight.command.risk.Facts.CustomerFacts;
import io.orderinsight.command.risk.Facts.OrderFacts;
import io.orderinsight.command.risk.Facts.PaymentFacts;
import io.orderinsight.command.risk.Facts.SellerMonthFacts;
import io.orderinsight.command.risk.Facts.Stamp;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.domain.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fraud and loss rules that judge single events against what is remembered: plain functions of the facts, the
 * triggering event and the rule version in force, shared by live detection and backtests. Each fires at its
 * threshold and not one below, and names the figures that crossed it. The two rules that wait for time to pass
 * (unpaid-order, stale-authorization) are {@link DeadlineRules}.
 */
public final class FraudRules {

    private FraudRules() {}

    /** geo-mismatch: billing, shipping and IP countries (those known, at least two) not all equal on a large order. */
    public static Optional<Finding> geoMismatch(
            OrderFacts order,
            String billingCountry,
            String ipCountry,
            BigDecimal totalInReporting,
            String reportingCurrency,
            Trigger trigger,
            RuleVersion rule) {
        if (order.alerted.contains(GEO_MISMATCH)) {
            return Optional.empty();
        }
        Set<String> countries = new LinkedHashSet<>();
        int known = 0;
        for (String country : new String[] {billingCountry, order.shippingCountry, ipCountry}) {
            if (country != null && !country.isBlank()) {
                countries.add(country.toUpperCase());
                known++;
            }
        }
        BigDecimal minimum = rule.decimal("min-amount");
        if (known < 2 || countries.size() < 2 || totalInReporting.compareTo(minimum) < 0) {
            return Optional.empty();
        }
        order.alerted.add(GEO_MISMATCH);
        return Optional.of(orderFinding(
                rule,
                order,
                List.of(order.placedEventId, trigger.eventId()),
                Money.of(order.total, order.currency),
                RiskAction.ALERT,
                "billing " + billingCountry + ", shipping " + order.shippingCountry + " and IP " + ipCountry
                        + " countries differ on an order of "
                        + totalInReporting.stripTrailingZeros().toPlainString()
                        + " " + reportingCurrency + " (at least " + minimum.toPlainString() + ")",
                GEO_MISMATCH));
    }

    /**
     * duplicate-capture: money captured on a payment while the order's other payments had already captured its full
     * total. The excess over the total is at risk.
     */
    public static Optional<Finding> duplicateCapture(
            OrderFacts order, String paymentId, long amount, Trigger trigger, RuleVersion rule) {
        PaymentFacts payment = order.payment(paymentId);
        long capturedByOthers = order.captured - payment.captured;
        String occasion = DUPLICATE_CAPTURE + ":" + paymentId;
        if (order.total <= 0 || capturedByOthers < order.total || order.alerted.contains(occasion)) {
            return Optional.empty();
        }
        order.alerted.add(occasion);
        long excess = Math.min(amount, order.captured + amount - order.total);
        List<String> evidence = new ArrayList<>();
        order.payments.forEach((id, other) -> {
            if (!id.equals(paymentId)) {
                evidence.addAll(other.captureEvents);
            }
        });
        evidence.add(trigger.eventId());
        return Optional.of(orderFinding(
                rule,
                order,
                evidence,
                Money.of(excess, order.currency),
                RiskAction.ALERT,
                "payment " + paymentId + " captured " + amount + " on order " + order.orderId
                        + " whose other payments had already captured " + capturedByOthers + " of its total "
                        + order.total + " " + order.currency,
                occasion));
    }

    /** amount-mismatch, as captured: the order's captures now exceed its total. */
    public static Optional<Finding> overCapture(
            OrderFacts order, long capturedAfter, Trigger trigger, RuleVersion rule) {
        String occasion = AMOUNT_MISMATCH + ":over";
        if (capturedAfter <= order.total || order.alerted.contains(occasion)) {
            return Optional.empty();
        }
        order.alerted.add(occasion);
        return Optional.of(orderFinding(
                rule,
                order,
                captureEvidence(order, trigger),
                Money.of(capturedAfter - order.total, order.currency),
                RiskAction.ALERT,
                "captures of " + capturedAfter + " exceed the order total " + order.total + " " + order.currency,
                occasion));
    }

    /** amount-mismatch, as shipped: something but not exactly the total was captured when the order shipped. */
    public static Optional<Finding> amountMismatchAtShipment(OrderFacts order, Trigger trigger, RuleVersion rule) {
        String occasion = AMOUNT_MISMATCH + ":shipment";
        if (order.cashOnDelivery
                || order.captured == 0
                || order.captured == order.total
                || order.alerted.contains(AMOUNT_MISMATCH + ":over")
                || order.alerted.contains(occasion)) {
            return Optional.empty();
        }
        order.alerted.add(occasion);
        return Optional.of(orderFinding(
                rule,
                order,
                captureEvidence(order, trigger),
                Money.of(Math.abs(order.total - order.captured), order.currency),
                RiskAction.ALERT,
                "order " + order.orderId + " shipped with " + order.captured + " captured against a total of "
                        + order.total + " " + order.currency,
                occasion));
    }

    /** shipped-before-capture: shipped with less than its total captured; the uncaptured part is exposed. */
    public static Optional<Finding> shippedBeforeCapture(OrderFacts order, Trigger trigger, RuleVersion rule) {
        if (order.cashOnDelivery || order.captured >= order.total || order.alerted.contains(SHIPPED_BEFORE_CAPTURE)) {
            return Optional.empty();
        }
        order.alerted.add(SHIPPED_BEFORE_CAPTURE);
        return Optional.of(orderFinding(
                rule,
                order,
                captureEvidence(order, trigger),
                Money.of(order.total - order.captured, order.currency),
                RiskAction.ALERT,
                "order " + order.orderId + " shipped with " + order.captured + " of " + order.total + " "
                        + order.currency + " captured",
                SHIPPED_BEFORE_CAPTURE));
    }

    /** chargeback-after-refund: a dispute on a payment already refunded; the overlap can be lost twice. */
    public static Optional<Finding> chargebackAfterRefund(
            OrderFacts order, String paymentId, String disputeId, long disputed, Trigger trigger, RuleVersion rule) {
        PaymentFacts payment = order.payment(paymentId);
        if (payment.refunded <= 0) {
            return Optional.empty();
        }
        long overlap = Math.min(disputed, payment.refunded);
        List<String> evidence = new ArrayList<>(payment.refundEvents);
        evidence.add(trigger.eventId());
        return Optional.of(new Finding(
                CHARGEBACK_AFTER_REFUND,
                rule.version(),
                SubjectType.PAYMENT,
                paymentId,
                order.customerId,
                order.sellerId,
                order.orderId,
                evidence,
                Money.of(overlap, order.currency),
                RiskAction.ALERT,
                "dispute " + disputeId + " of " + disputed + " opened on payment " + paymentId + " which already"
                        + " refunded " + payment.refunded + " " + order.currency,
                disputeId));
    }

    /** refund-abuse by count: at least {@code count} refund requests within {@code count-window}. */
    public static Optional<Finding> refundCount(
            String customerId, CustomerFacts customer, OrderFacts order, Trigger trigger, RuleVersion rule) {
        Duration window = rule.duration("count-window");
        long threshold = rule.count("count");
        List<Stamp> recent = Facts.within(customer.refundRequests, trigger.occurredAt(), window);
        if (recent.size() < threshold || recentlyAlerted(customer, REFUND_ABUSE, trigger.occurredAt(), window)) {
            return Optional.empty();
        }
        customer.lastAlerted.put(REFUND_ABUSE, trigger.occurredAt());
        return Optional.of(customerFinding(
                REFUND_ABUSE,
                rule,
                customerId,
                order,
                ids(recent),
                null,
                RiskAction.HOLD_REFUNDS,
                recent.size() + " refunds requested within " + window + " (threshold " + threshold + ")",
                trigger));
    }

    /** refund-abuse by share: refunds paid out above {@code share} of what was captured within {@code share-window}. */
    public static Optional<Finding> refundShare(
            String customerId,
            CustomerFacts customer,
            OrderFacts order,
            String reportingCurrency,
            Trigger trigger,
            RuleVersion rule) {
        Duration window = rule.duration("share-window");
        BigDecimal share = rule.decimal("share");
        List<Stamp> refunds = Facts.within(customer.refunds, trigger.occurredAt(), window);
        BigDecimal refunded = sum(refunds);
        BigDecimal captured = sum(Facts.within(customer.captures, trigger.occurredAt(), window));
        BigDecimal allowed = captured.multiply(share);
        if (refunded.compareTo(allowed) <= 0
                || recentlyAlerted(customer, REFUND_ABUSE, trigger.occurredAt(), rule.duration("count-window"))) {
            return Optional.empty();
        }
        customer.lastAlerted.put(REFUND_ABUSE, trigger.occurredAt());
        BigDecimal excess = refunded.subtract(allowed);
        java.util.Currency currency = java.util.Currency.getInstance(reportingCurrency);
        long excessMinor = excess.movePointRight(Math.max(0, currency.getDefaultFractionDigits()))
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
        return Optional.of(customerFinding(
                REFUND_ABUSE,
                rule,
                customerId,
                order,
                ids(refunds),
                Money.of(excessMinor, currency),
                RiskAction.HOLD_REFUNDS,
                "refunded " + plain(refunded) + " of " + plain(captured) + " " + reportingCurrency + " captured within "
                        + window + " (more than " + share.toPlainString() + ")",
                trigger));
    }

    /**
     * card-testing for a customer: at least {@code declines} declines, or {@code cards} distinct cards, within
     * {@code window}.
     */
    public static Optional<Finding> cardTestingByCustomer(
            String customerId, CustomerFacts customer, OrderFacts order, Trigger trigger, RuleVersion rule) {
        Duration window = rule.duration("window");
        if (recentlyAlerted(customer, CARD_TESTING, trigger.occurredAt(), window)) {
            return Optional.empty();
        }
        boolean byDeclines =
                Facts.countWithin(customer.declines, trigger.occurredAt(), window) >= rule.count("declines");
        if (!byDeclines
                && !Facts.distinctCardsReach(customer.cards, trigger.occurredAt(), window, rule.count("cards"))) {
            return Optional.empty();
        }
        List<Stamp> declines = Facts.within(customer.declines, trigger.occurredAt(), window);
        List<Stamp> cards = Facts.within(customer.cards, trigger.occurredAt(), window);
        Set<String> distinct = new LinkedHashSet<>();
        cards.forEach(stamp -> distinct.add(stamp.card()));
        String detail;
        List<String> evidence;
        if (declines.size() >= rule.count("declines")) {
            detail = declines.size() + " declines within " + window + " (threshold " + rule.count("declines") + ")";
            evidence = ids(declines);
        } else if (distinct.size() >= rule.count("cards")) {
            detail = distinct.size() + " distinct cards within " + window + " (threshold " + rule.count("cards") + ")";
            evidence = ids(cards);
        } else {
            return Optional.empty();
        }
        customer.lastAlerted.put(CARD_TESTING, trigger.occurredAt());
        return Optional.of(customerFinding(
                CARD_TESTING, rule, customerId, order, evidence, null, RiskAction.BLOCK_ORDERS, detail, trigger));
    }

    /** card-testing for a card: at least {@code declines} declines of one card fingerprint within {@code window}. */
    public static Optional<Finding> cardTestingByCard(
            String fingerprint, CardFacts card, OrderFacts order, Trigger trigger, RuleVersion rule) {
        Duration window = rule.duration("window");
        List<Stamp> declines = Facts.within(card.declines, trigger.occurredAt(), window);
        if (declines.size() < rule.count("declines")
                || (card.lastAlerted != null && card.lastAlerted.plus(window).isAfter(trigger.occurredAt()))) {
            return Optional.empty();
        }
        card.lastAlerted = trigger.occurredAt();
        return Optional.of(new Finding(
                CARD_TESTING,
                rule.version(),
                SubjectType.CARD,
                fingerprint,
                order.customerId,
                order.sellerId,
                order.orderId,
                ids(declines),
                null,
                RiskAction.BLOCK_ORDERS,
                declines.size() + " declines of card " + fingerprint + " within " + window + " (threshold "
                        + rule.count("declines") + ")",
                trigger.eventId()));
    }

    /**
     * merchant-dispute-ratio: a seller's disputes (plus confirmed fraud, if so configured) in a month over the
     * payments it captured that month or the month before. An alert at the ratio with at least {@code min-count};
     * a warning when the month, with at least {@code warn-share} of the count so far, is projected to reach both by its
     * end at its pace so far (its count so far times the days in the month over the days elapsed, at least one; over
     * the previous month's payments the ratio grows with it, over the month's own it keeps its value), which stands
     * for the next one; and a warning from {@code warn-share} of both. Each once a month.
     */
    public static Optional<Finding> merchantDisputeRatio(
            String sellerId,
            String month,
            SellerMonthFacts current,
            SellerMonthFacts denominatorMonth,
            Trigger trigger,
            RuleVersion rule) {
        long numerator =
                current.disputes + (DISPUTES_AND_FRAUD.equals(rule.value("numerator")) ? current.confirmedFraud : 0);
        long denominator = denominatorMonth.capturedPayments;
        if (denominator == 0 || current.alerted.contains("alert")) {
            return Optional.empty();
        }
        BigDecimal ratio = BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 6, RoundingMode.DOWN);
        BigDecimal threshold = rule.decimal("ratio");
        BigDecimal warnShare = rule.decimal("warn-share");
        long minCount = rule.count("min-count");
        String level;
        RiskAction action;
        Projection projected = Projection.of(
                numerator, denominator, PREVIOUS_MONTH.equals(rule.value("denominator-month")), trigger.occurredAt());
        String detail = "";
        if (numerator >= minCount && ratio.compareTo(threshold) >= 0) {
            level = "alert";
            action = RiskAction.ALERT;
        } else if (!current.alerted.contains("projected")
                && BigDecimal.valueOf(numerator).compareTo(warnShare.multiply(BigDecimal.valueOf(minCount))) >= 0
                && projected.numerator() >= minCount
                && projected.ratio().compareTo(threshold) >= 0) {
            // projected from no fewer disputes than the warning asks for: a few early disputes project nothing
            level = "projected";
            action = RiskAction.WARN;
            current.alerted.add("warn");
            detail = "; projected to " + projected.numerator() + " and "
                    + projected.ratio().stripTrailingZeros().toPlainString() + " by the month's end at its pace so far";
        } else if (!current.alerted.contains("warn")
                && BigDecimal.valueOf(numerator).compareTo(warnShare.multiply(BigDecimal.valueOf(minCount))) >= 0
                && ratio.compareTo(warnShare.multiply(threshold)) >= 0) {
            level = "warn";
            action = RiskAction.WARN;
        } else {
            return Optional.empty();
        }
        current.alerted.add(level);
        return Optional.of(new Finding(
                MERCHANT_DISPUTE_RATIO,
                rule.version(),
                SubjectType.SELLER,
                sellerId,
                null,
                sellerId,
                null,
                List.copyOf(current.recentDisputes),
                null,
                action,
                "seller " + sellerId + " in " + month + ": " + numerator + " " + rule.value("numerator") + " over "
                        + denominator + " captured payments (" + rule.value("denominator-month") + " month) = "
                        + ratio.stripTrailingZeros().toPlainString() + ", threshold " + threshold.toPlainString()
                        + " with at least " + minCount + detail,
                month + ":" + level));
    }

    /** A month's count and ratio at its end, at the pace of the days elapsed when {@code at} happened. */
    private record Projection(long numerator, BigDecimal ratio) {

        static Projection of(long numerator, long denominator, boolean fixedDenominator, Instant at) {
            YearMonth month = YearMonth.from(at.atZone(ZoneOffset.UTC));
            long start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            double elapsed = Math.max(1.0, (at.toEpochMilli() - start) / 86_400_000.0);
            double scale = Math.max(1.0, month.lengthOfMonth() / elapsed);
            long projected = (long) Math.floor(numerator * scale);
            // over the month's own payments both grow at their pace, and the ratio keeps its value
            long over = fixedDenominator ? denominator : (long) Math.floor(denominator * scale);
            return new Projection(
                    projected,
                    BigDecimal.valueOf(projected).divide(BigDecimal.valueOf(Math.max(1, over)), 6, RoundingMode.DOWN));
        }
    }

    private static boolean recentlyAlerted(CustomerFacts customer, String ruleId, Instant now, Duration window) {
        Instant last = customer.lastAlerted.get(ruleId);
        return last != null && last.plus(window).isAfter(now);
    }

    private static Finding orderFinding(
            RuleVersion rule,
            OrderFacts order,
            List<String> evidence,
            Money atRisk,
            RiskAction action,
            String detail,
            String occasion) {
        return new Finding(
                rule.ruleId(),
                rule.version(),
                SubjectType.ORDER,
                order.orderId,
                order.customerId,
                order.sellerId,
                order.orderId,
                evidence,
                atRisk,
                action,
                detail,
                occasion);
    }

    private static Finding customerFinding(
            String ruleId,
            RuleVersion rule,
            String customerId,
            OrderFacts order,
            List<String> evidence,
            Money atRisk,
            RiskAction action,
            String detail,
            Trigger trigger) {
        return new Finding(
                ruleId,
                rule.version(),
                SubjectType.CUSTOMER,
                customerId,
                customerId,
                order == null ? null : order.sellerId,
                order == null ? null : order.orderId,
                evidence,
                atRisk,
                action,
                detail,
                trigger.eventId());
    }

    private static List<String> captureEvidence(OrderFacts order, Trigger trigger) {
        List<String> evidence = new ArrayList<>();
        evidence.add(order.placedEventId);
        order.payments.values().forEach(payment -> evidence.addAll(payment.captureEvents));
        if (!evidence.contains(trigger.eventId())) {
            evidence.add(trigger.eventId());
        }
        return evidence;
    }

    private static List<String> ids(List<Stamp> stamps) {
        List<String> ids = new ArrayList<>();
        stamps.forEach(stamp -> ids.add(stamp.eventId()));
        return ids;
    }

    private static BigDecimal sum(List<Stamp> stamps) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Stamp stamp : stamps) {
            sum = sum.add(stamp.amount());
        }
        return sum;
    }

    private static String plain(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
