package io.orderinsight.command.risk;

import static io.orderinsight.command.risk.RuleDefinition.Threshold.choice;
import static io.orderinsight.command.risk.RuleDefinition.Threshold.of;
import static io.orderinsight.command.risk.ThresholdKind.AMOUNT;
import static io.orderinsight.command.risk.ThresholdKind.COUNT;
import static io.orderinsight.command.risk.ThresholdKind.DURATION;
import static io.orderinsight.command.risk.ThresholdKind.RATIO;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fraud and loss rules this system runs, with their default thresholds ({@code orderinsight.risk.<id>.*}); a rule
 * judged on events is registered here with the class that judges it ({@link EventRule}). Deadline rules are
 * {@link DeadlineRules}; anomaly rules judge the counters' hours (the query side's detector).
 */
public final class RuleCatalog {

    public static final String UNPAID_ORDER = "unpaid-order";
    public static final String STALE_AUTHORIZATION = "stale-authorization";
    public static final String AMOUNT_MISMATCH = "amount-mismatch";
    public static final String DUPLICATE_CAPTURE = "duplicate-capture";
    public static final String REFUND_ABUSE = "refund-abuse";
    public static final String CHARGEBACK_AFTER_REFUND = "chargeback-after-refund";
    public static final String CARD_TESTING = "card-testing";
    public static final String SHIPPED_BEFORE_CAPTURE = "shipped-before-capture";
    public static final String GEO_MISMATCH = "geo-mismatch";
    public static final String MERCHANT_DISPUTE_RATIO = "merchant-dispute-ratio";
    public static final String ANOMALY_GMV_DROP = "anomaly-gmv-drop";
    public static final String ANOMALY_ORDERS_DROP = "anomaly-orders-drop";
    public static final String ANOMALY_DECLINE_RATE = "anomaly-decline-rate";
    public static final String ANOMALY_REFUND_RATE = "anomaly-refund-rate";
    /** The anomaly rules' ids begin with it: they judge hours of the counters, not events. */
    public static final String ANOMALY = "anomaly-";

    /** Merchant dispute ratio: count disputes alone, or disputes plus confirmed fraud (Visa VAMP counts both). */
    public static final String DISPUTES = "disputes";

    public static final String DISPUTES_AND_FRAUD = "disputes-and-fraud";
    public static final String CURRENT_MONTH = "current";
    public static final String PREVIOUS_MONTH = "previous";

    private static final Map<String, RuleDefinition> RULES = new LinkedHashMap<>();
    /** The rules judged on events, in catalog order: the order they judge an event in. */
    private static final List<EventRule> EVENT_RULES = new ArrayList<>();

    static {
        define(
                UNPAID_ORDER,
                "placed, not captured in time (cash-on-delivery excepted): the order is cancelled",
                Map.of("after", of(DURATION, "30m")));
        define(
                STALE_AUTHORIZATION,
                "authorized, neither captured nor voided in time: money stuck",
                Map.of("after", of(DURATION, "7d")));
        define(
                DUPLICATE_CAPTURE,
                "a further payment captured on an order already fully captured: the excess is at risk",
                Map.of(),
                new DuplicateCaptureRule());
        // after duplicate-capture: a capture alerted as a duplicate is not also an over-capture
        define(
                AMOUNT_MISMATCH,
                "captured total differs from the order total once it ships, or captures exceed the order total",
                Map.of(),
                new AmountMismatchRule());
        define(
                REFUND_ABUSE,
                "a customer with many refunds in a short time, or refunding a large share of what they paid: their"
                        + " new refunds are held for review",
                ordered(
                        "count", of(COUNT, "3"),
                        "count-window", of(DURATION, "7d"),
                        "share", of(RATIO, "0.30"),
                        "share-window", of(DURATION, "30d")),
                new RefundAbuseRule());
        define(
                CHARGEBACK_AFTER_REFUND,
                "a dispute opened on a payment already refunded: the overlap may be lost twice",
                Map.of(),
                new ChargebackAfterRefundRule());
        define(
                CARD_TESTING,
                "many declines for one card or customer, or many distinct cards for one customer, within a short"
                        + " window: the customer's new orders are blocked",
                ordered(
                        "declines", of(COUNT, "5"),
                        "cards", of(COUNT, "3"),
                        "window", of(DURATION, "1h")),
                new CardTestingRule());
        define(
                SHIPPED_BEFORE_CAPTURE,
                "an order shipped with less than its total captured (cash-on-delivery excepted): the uncaptured part"
                        + " is exposed",
                Map.of(),
                new ShippedBeforeCaptureRule());
        define(
                GEO_MISMATCH,
                "billing, shipping and IP countries differ on a large order",
                Map.of("min-amount", of(AMOUNT, "500.00")),
                new GeoMismatchRule());
        define(
                MERCHANT_DISPUTE_RATIO,
                "a seller's disputes (and confirmed fraud) over captured payments in a month, against the card"
                        + " networks' programmes (Mastercard ECM, Visa VAMP): a warning at a share of the threshold or"
                        + " when the month is projected to reach it by its end at its pace so far, an alert at it",
                ordered(
                        "ratio", of(RATIO, "0.015"),
                        "min-count", of(COUNT, "100"),
                        "warn-share", of(RATIO, "0.75"),
                        "numerator", choice(DISPUTES, DISPUTES, DISPUTES_AND_FRAUD),
                        "denominator-month", choice(CURRENT_MONTH, CURRENT_MONTH, PREVIOUS_MONTH)),
                new MerchantDisputeRatioRule());
        String scopes = ", overall (per currency) and per seller, channel and shipping country, in each completed hour"
                + " of event time once its grace period has passed: an alert, with no money at risk";
        anomaly(
                ANOMALY_GMV_DROP,
                "GMV below the lower bound of its band (a seasonal model of the four weeks before: trend, hour of"
                        + " day, day of week)" + scopes,
                "0.30");
        anomaly(ANOMALY_ORDERS_DROP, "orders below the lower bound of their band (the same model)" + scopes, "0.30");
        anomaly(
                ANOMALY_DECLINE_RATE,
                "the share of payment attempts declined above its band (the mean and spread of the hourly rates of"
                        + " the week before)" + scopes,
                "0.05");
        anomaly(
                ANOMALY_REFUND_RATE,
                "money refunded over money captured above its band (the mean and spread of the hourly rates of the"
                        + " week before)" + scopes,
                "0.05");
    }

    private RuleCatalog() {}

    /** Whether {@code ruleId} is one of the anomaly rules, which judge the counters' hours rather than events. */
    public static boolean anomaly(String ruleId) {
        return ruleId != null && ruleId.startsWith(ANOMALY);
    }

    /** The rules judged on events ({@link RiskEngine}), in catalog order. */
    static List<EventRule> eventRules() {
        return EVENT_RULES;
    }

    public static List<RuleDefinition> all() {
        return List.copyOf(RULES.values());
    }

    public static Optional<RuleDefinition> find(String ruleId) {
        return Optional.ofNullable(RULES.get(ruleId));
    }

    private static void define(String id, String description, Map<String, RuleDefinition.Threshold> thresholds) {
        RULES.put(id, new RuleDefinition(id, description, thresholds));
    }

    /** A rule judged on events: its entry, and the class that judges them. */
    private static void define(
            String id, String description, Map<String, RuleDefinition.Threshold> thresholds, EventRule rule) {
        if (!rule.id().equals(id)) {
            throw new IllegalStateException("rule " + rule.getClass().getSimpleName() + " is not " + id);
        }
        define(id, description, thresholds);
        EVENT_RULES.add(rule);
    }

    /** An anomaly rule: its band's level, the volume it needs to judge an hour, the least deviation it reports. */
    private static void anomaly(String id, String description, String minDeviation) {
        define(
                id,
                description,
                ordered(
                        "band", of(RATIO, "0.99"),
                        "min-volume", of(COUNT, "20"),
                        "min-deviation", of(RATIO, minDeviation)));
    }

    private static Map<String, RuleDefinition.Threshold> ordered(Object... namesAndThresholds) {
        Map<String, RuleDefinition.Threshold> thresholds = new LinkedHashMap<>();
        for (int i = 0; i < namesAndThresholds.length; i += 2) {
            thresholds.put((String) namesAndThresholds[i], (RuleDefinition.Threshold) namesAndThresholds[i + 1]);
        }
        return thresholds;
    }
}
