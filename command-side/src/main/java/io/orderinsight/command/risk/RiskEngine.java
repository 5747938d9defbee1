package io.orderinsight.command.risk;

import static io.orderinsight.command.risk.RuleCatalog.AMOUNT_MISMATCH;
import static io.orderinsight.command.risk.RuleCatalog.CARD_TESTING;
import static io.orderinsight.command.risk.RuleCatalog.CHARGEBACK_AFTER_REFUND;
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
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.refund.RefundRequestedEvent;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderIds;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs the event-driven fraud rules over one event: brings the remembered facts up to date, then asks each enabled
 * rule, in the version in force when the event was recorded, what it finds. Live detection and backtests both run
 * every event through this, in stream order; {@code only} limits a backtest to the rule it tests.
 */
public class RiskEngine {

    private final RuleSource rules;
    private final ReportingRates rates;
    private final Predicate<String> only;

    public RiskEngine(RuleSource rules, ReportingRates rates) {
        this(rules, rates, ruleId -> true);
    }

    public RiskEngine(RuleSource rules, ReportingRates rates, Predicate<String> only) {
        this.rules = rules;
        this.rates = rates;
        this.only = only;
    }

    /** The findings {@code trigger} causes, after recording what it changes in {@code facts}. */
    public List<Finding> evaluate(Trigger trigger, FactStore facts) {
        List<Finding> findings = new ArrayList<>();
        Object payload = trigger.payload();
        if (payload instanceof OrderPlacedEvent placed) {
            OrderFacts order = new OrderFacts();
            order.orderId = placed.orderId().value();
            order.customerId = placed.customerId().value();
            order.sellerId = placed.sellerId().value();
            order.currency = placed.total().currency().getCurrencyCode();
            order.shippingCountry = placed.shippingCountry();
            order.total = placed.total().minor();
            order.placedEventId = trigger.eventId();
            facts.put(orderKey(order.orderId), order);
        } else if (payload instanceof PaymentAuthorizedEvent authorized) {
            OrderFacts order = order(facts, authorized.orderId().value());
            if (order == null) {
                return findings;
            }
            PaymentFacts payment = order.payment(authorized.paymentId().value());
            payment.authorized += authorized.amount().minor();
            payment.method = authorized.method().name();
            payment.authorizedEventId = trigger.eventId();
            order.cashOnDelivery |= authorized.method() == PaymentMethod.COD;
            PaymentInstrument instrument = authorized.instrument();
            CustomerFacts customer = customer(facts, order.customerId, trigger);
            if (instrument != null && instrument.cardFingerprint() != null) {
                customer.cards.add(
                        new Stamp(trigger.occurredAt(), trigger.eventId(), null, instrument.cardFingerprint()));
            }
            rule(GEO_MISMATCH, trigger)
                    .ifPresent(rule -> FraudRules.geoMismatch(
                                    order,
                                    instrument == null ? null : instrument.billingCountry(),
                                    instrument == null ? null : instrument.ipCountry(),
                                    rates.inReporting(Money.of(order.total, order.currency)),
                                    rates.currency(),
                                    trigger,
                                    rule)
                            .ifPresent(findings::add));
            rule(CARD_TESTING, trigger)
                    .ifPresent(
                            rule -> FraudRules.cardTestingByCustomer(order.customerId, customer, order, trigger, rule)
                                    .ifPresent(findings::add));
            facts.put(orderKey(order.orderId), order);
            facts.put(customerKey(order.customerId), customer);
        } else if (payload instanceof PaymentDeclinedEvent declined) {
            OrderFacts order = order(facts, declined.orderId().value());
            if (order == null) {
                return findings;
            }
            CustomerFacts customer = customer(facts, order.customerId, trigger);
            customer.declines.add(Stamp.of(trigger));
            String fingerprint =
                    declined.instrument() == null ? null : declined.instrument().cardFingerprint();
            Optional<RuleVersion> cardTesting = rule(CARD_TESTING, trigger);
            if (fingerprint != null) {
                customer.cards.add(new Stamp(trigger.occurredAt(), trigger.eventId(), null, fingerprint));
                CardFacts card = facts.get(cardKey(fingerprint), CardFacts.class, CardFacts::new);
                card.declines.add(Stamp.of(trigger));
                Facts.prune(
                        card.declines,
                        trigger.occurredAt(),
                        cardTesting.map(r -> r.duration("window")).orElse(Duration.ofHours(1)));
                Optional<Finding> byCustomer = cardTesting.flatMap(
                        rule -> FraudRules.cardTestingByCustomer(order.customerId, customer, order, trigger, rule));
                byCustomer.ifPresent(findings::add);
                if (byCustomer.isEmpty()) {
                    cardTesting
                            .flatMap(rule -> FraudRules.cardTestingByCard(fingerprint, card, order, trigger, rule))
                            .ifPresent(findings::add);
                }
                facts.put(cardKey(fingerprint), card);
            } else {
                cardTesting
                        .flatMap(rule ->
                                FraudRules.cardTestingByCustomer(order.customerId, customer, order, trigger, rule))
                        .ifPresent(findings::add);
            }
            facts.put(customerKey(order.customerId), customer);
        } else if (payload instanceof PaymentCapturedEvent captured) {
            OrderFacts order = order(facts, captured.orderId().value());
            if (order == null) {
                return findings;
            }
            String paymentId = captured.paymentId().value();
            long amount = captured.amount().minor();
            Optional<Finding> duplicate = rule(DUPLICATE_CAPTURE, trigger)
                    .flatMap(rule -> FraudRules.duplicateCapture(order, paymentId, amount, trigger, rule));
            PaymentFacts payment = order.payment(paymentId);
            boolean firstCapture = payment.captured == 0;
            payment.captured += amount;
            payment.captureEvents.add(trigger.eventId());
            order.captured += amount;
            duplicate.ifPresent(findings::add);
            if (duplicate.isEmpty()) {
                rule(AMOUNT_MISMATCH, trigger)
                        .flatMap(rule -> FraudRules.overCapture(order, order.captured, trigger, rule))
                        .ifPresent(findings::add);
            }
            CustomerFacts customer = customer(facts, order.customerId, trigger);
            customer.captures.add(
                    new Stamp(trigger.occurredAt(), trigger.eventId(), rates.inReporting(captured.amount()), null));
            if (firstCapture) {
                SellerMonthFacts month = sellerMonth(facts, order.sellerId, trigger.occurredAt());
                month.capturedPayments++;
                facts.put(sellerKey(order.sellerId, month(trigger.occurredAt())), month);
            }
            facts.put(orderKey(order.orderId), order);
            facts.put(customerKey(order.customerId), customer);
        } else if (payload instanceof OrderShippedEvent shipped) {
            OrderFacts order = order(facts, shipped.orderId().value());
            if (order == null) {
                return findings;
            }
            order.shipped = true;
            rule(AMOUNT_MISMATCH, trigger)
                    .flatMap(rule -> FraudRules.amountMismatchAtShipment(order, trigger, rule))
                    .ifPresent(findings::add);
            rule(SHIPPED_BEFORE_CAPTURE, trigger)
                    .flatMap(rule -> FraudRules.shippedBeforeCapture(order, trigger, rule))
                    .ifPresent(findings::add);
            facts.put(orderKey(order.orderId), order);
        } else if (payload instanceof RefundRequestedEvent requested) {
            OrderFacts order = order(facts, requested.orderId().value());
            String customerId = requested.customerId().value();
            CustomerFacts customer = customer(facts, customerId, trigger);
            customer.refundRequests.add(Stamp.of(trigger));
            rule(REFUND_ABUSE, trigger)
                    .flatMap(rule -> FraudRules.refundCount(customerId, customer, order, trigger, rule))
                    .ifPresent(findings::add);
            facts.put(customerKey(customerId), customer);
        } else if (payload instanceof RefundSettledEvent settled) {
            OrderFacts order = order(facts, settled.orderId().value());
            if (order == null) {
                return findings;
            }
            PaymentFacts payment = order.payment(settled.paymentId().value());
            payment.refunded += settled.amount().minor();
            payment.refundEvents.add(trigger.eventId());
            CustomerFacts customer = customer(facts, order.customerId, trigger);
            customer.refunds.add(
                    new Stamp(trigger.occurredAt(), trigger.eventId(), rates.inReporting(settled.amount()), null));
            rule(REFUND_ABUSE, trigger)
                    .flatMap(rule ->
                            FraudRules.refundShare(order.customerId, customer, order, rates.currency(), trigger, rule))
                    .ifPresent(findings::add);
            facts.put(orderKey(order.orderId), order);
            facts.put(customerKey(order.customerId), customer);
        } else if (payload instanceof DisputeOpenedEvent opened) {
            OrderFacts order = order(facts, opened.orderId().value());
            if (order == null) {
                return findings;
            }
            String paymentId = opened.paymentId().value();
            order.payment(paymentId).disputed += opened.amount().minor();
            rule(CHARGEBACK_AFTER_REFUND, trigger)
                    .flatMap(rule -> FraudRules.chargebackAfterRefund(
                            order,
                            paymentId,
                            opened.disputeId().value(),
                            opened.amount().minor(),
                            trigger,
                            rule))
                    .ifPresent(findings::add);
            SellerMonthFacts month = sellerMonth(facts, order.sellerId, trigger.occurredAt());
            month.disputes++;
            month.recentDisputes.add(trigger.eventId());
            if (month.recentDisputes.size() > 20) {
                month.recentDisputes.remove(0);
            }
            merchantRatio(order.sellerId, month, trigger, facts).ifPresent(findings::add);
            facts.put(orderKey(order.orderId), order);
        } else if (payload instanceof AlertResolvedEvent resolved
                && resolved.outcome() == AlertStatus.CONFIRMED_FRAUD
                && resolved.sellerId() != null
                && !MERCHANT_DISPUTE_RATIO.equals(resolved.ruleId())
                // an anomaly is about an hour's figures, not a fraud of the seller's
                && !RuleCatalog.anomaly(resolved.ruleId())) {
            SellerMonthFacts month = sellerMonth(facts, resolved.sellerId(), trigger.occurredAt());
            month.confirmedFraud++;
            merchantRatio(resolved.sellerId(), month, trigger, facts).ifPresent(findings::add);
        }
        return findings;
    }

    private Optional<Finding> merchantRatio(String sellerId, SellerMonthFacts month, Trigger trigger, FactStore facts) {
        String monthName = month(trigger.occurredAt());
        Optional<Finding> finding = rule(MERCHANT_DISPUTE_RATIO, trigger).flatMap(rule -> {
            SellerMonthFacts denominator = PREVIOUS_MONTH.equals(rule.value("denominator-month"))
                    ? Optional.ofNullable(facts.find(
                                    sellerKey(
                                            sellerId,
                                            YearMonth.parse(monthName)
                                                    .minusMonths(1)
                                                    .toString()),
                                    SellerMonthFacts.class))
                            .orElseGet(SellerMonthFacts::new)
                    : month;
            return FraudRules.merchantDisputeRatio(sellerId, monthName, month, denominator, trigger, rule);
        });
        facts.put(sellerKey(sellerId, monthName), month);
        return finding;
    }

    private Optional<RuleVersion> rule(String ruleId, Trigger trigger) {
        if (!only.test(ruleId)) {
            return Optional.empty();
        }
        RuleVersion version = rules.at(ruleId, trigger.recordedAt());
        return version.enabled() ? Optional.of(version) : Optional.empty();
    }

    private CustomerFacts customer(FactStore facts, String customerId, Trigger trigger) {
        CustomerFacts customer = facts.get(customerKey(customerId), CustomerFacts.class, CustomerFacts::new);
        RuleVersion refunds = rules.at(REFUND_ABUSE, trigger.recordedAt());
        RuleVersion cards = rules.at(CARD_TESTING, trigger.recordedAt());
        Instant now = trigger.occurredAt();
        Facts.prune(customer.refundRequests, now, refunds.duration("count-window"));
        Facts.prune(customer.captures, now, refunds.duration("share-window"));
        Facts.prune(customer.refunds, now, refunds.duration("share-window"));
        Facts.prune(customer.declines, now, cards.duration("window"));
        Facts.prune(customer.cards, now, cards.duration("window"));
        return customer;
    }

    private static OrderFacts order(FactStore facts, String orderId) {
        return facts.find(orderKey(orderId), OrderFacts.class);
    }

    private static SellerMonthFacts sellerMonth(FactStore facts, String sellerId, Instant at) {
        return facts.get(sellerKey(sellerId, month(at)), SellerMonthFacts.class, SellerMonthFacts::new);
    }

    private static String month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC)).toString();
    }

    /** The order an event concerns, if it names one. */
    static Optional<String> orderIdOf(Object payload) {
        return OrderIds.of(payload);
    }

    /**
     * The records besides its order that {@link #evaluate} may read for {@code payload}: its customer, card and
     * seller months (this and the previous one). {@code order} is the event's order as remembered, or null.
     */
    static List<String> relatedKeys(OrderFacts order, Object payload, Instant occurredAt) {
        List<String> keys = new ArrayList<>();
        if (order != null) {
            keys.add(customerKey(order.customerId));
            String month = month(occurredAt);
            keys.add(sellerKey(order.sellerId, month));
            keys.add(sellerKey(
                    order.sellerId, YearMonth.parse(month).minusMonths(1).toString()));
        }
        if (payload instanceof RefundRequestedEvent requested) {
            keys.add(customerKey(requested.customerId().value()));
        } else if (payload instanceof PaymentDeclinedEvent declined
                && declined.instrument() != null
                && declined.instrument().cardFingerprint() != null) {
            keys.add(cardKey(declined.instrument().cardFingerprint()));
        }
        return keys;
    }

    static String orderKey(String orderId) {
        return "order:" + orderId;
    }

    static String customerKey(String customerId) {
        return "customer:" + customerId;
    }

    static String cardKey(String fingerprint) {
        return "card:" + fingerprint;
    }

    static String sellerKey(String sellerId, String month) {
        return "seller:" + sellerId + ":" + month;
    }
}
