package io.orderinsight.command.risk;

import static io.orderinsight.command.risk.RuleCatalog.CARD_TESTING;
import static io.orderinsight.command.risk.RuleCatalog.MERCHANT_DISPUTE_RATIO;
import static io.orderinsight.command.risk.RuleCatalog.REFUND_ABUSE;

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
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the rules remember between events ({@link Facts}), brought up to date with each event: one method per event
 * type, and nothing else — it judges nothing. An event about an order not remembered (placed before the rules began,
 * or in another store) leaves the facts as they are and is not judged.
 */
final class FactKeeper {

    /** The records each event type changes besides its order: with the rules' reads, what a batch reads ahead. */
    static final Map<Class<?>, Set<FactKind>> CHANGES = Map.of(
            PaymentAuthorizedEvent.class, EnumSet.of(FactKind.CUSTOMER),
            PaymentDeclinedEvent.class, EnumSet.of(FactKind.CUSTOMER, FactKind.CARD),
            PaymentCapturedEvent.class, EnumSet.of(FactKind.CUSTOMER, FactKind.SELLER_MONTHS),
            RefundRequestedEvent.class, EnumSet.of(FactKind.CUSTOMER),
            RefundSettledEvent.class, EnumSet.of(FactKind.CUSTOMER),
            DisputeOpenedEvent.class, EnumSet.of(FactKind.SELLER_MONTHS),
            AlertResolvedEvent.class, EnumSet.of(FactKind.SELLER_MONTHS));

    private final RuleSource rules;
    private final ReportingRates rates;

    FactKeeper(RuleSource rules, ReportingRates rates) {
        this.rules = rules;
        this.rates = rates;
    }

    /** The facts after the trigger's event, for the rules to judge; empty when it leaves nothing to judge. */
    Optional<Remembered> on(Trigger trigger, FactStore facts) {
        Object payload = trigger.payload();
        Remembered remembered = new Remembered(rates);
        boolean judged;
        if (payload instanceof OrderPlacedEvent placed) {
            judged = on(placed, trigger, facts, remembered);
        } else if (payload instanceof PaymentAuthorizedEvent authorized) {
            judged = on(authorized, trigger, facts, remembered);
        } else if (payload instanceof PaymentDeclinedEvent declined) {
            judged = on(declined, trigger, facts, remembered);
        } else if (payload instanceof PaymentCapturedEvent captured) {
            judged = on(captured, trigger, facts, remembered);
        } else if (payload instanceof OrderShippedEvent shipped) {
            judged = on(shipped, facts, remembered);
        } else if (payload instanceof RefundRequestedEvent requested) {
            judged = on(requested, trigger, facts, remembered);
        } else if (payload instanceof RefundSettledEvent settled) {
            judged = on(settled, trigger, facts, remembered);
        } else if (payload instanceof DisputeOpenedEvent opened) {
            judged = on(opened, trigger, facts, remembered);
        } else if (payload instanceof AlertResolvedEvent resolved) {
            judged = on(resolved, trigger, facts, remembered);
        } else {
            judged = false;
        }
        return judged ? Optional.of(remembered) : Optional.empty();
    }

    private boolean on(OrderPlacedEvent placed, Trigger trigger, FactStore facts, Remembered remembered) {
        OrderFacts order = new OrderFacts();
        order.orderId = placed.orderId().value();
        order.customerId = placed.customerId().value();
        order.sellerId = placed.sellerId().value();
        order.currency = placed.total().currency().getCurrencyCode();
        order.shippingCountry = placed.shippingCountry();
        order.total = placed.total().minor();
        order.placedEventId = trigger.eventId();
        changed(order, remembered);
        return true;
    }

    private boolean on(PaymentAuthorizedEvent authorized, Trigger trigger, FactStore facts, Remembered remembered) {
        OrderFacts order = order(facts, authorized.orderId().value());
        if (order == null) {
            return false;
        }
        PaymentFacts payment = order.payment(authorized.paymentId().value());
        payment.authorized += authorized.amount().minor();
        payment.method = authorized.method().name();
        payment.authorizedEventId = trigger.eventId();
        order.cashOnDelivery |= authorized.method() == PaymentMethod.COD;
        CustomerFacts customer = customer(facts, order.customerId, trigger, remembered);
        PaymentInstrument instrument = authorized.instrument();
        if (instrument != null && instrument.cardFingerprint() != null) {
            customer.cards.add(new Stamp(trigger.occurredAt(), trigger.eventId(), null, instrument.cardFingerprint()));
        }
        changed(order, remembered);
        return true;
    }

    private boolean on(PaymentDeclinedEvent declined, Trigger trigger, FactStore facts, Remembered remembered) {
        OrderFacts order = order(facts, declined.orderId().value());
        if (order == null) {
            return false;
        }
        CustomerFacts customer = customer(facts, order.customerId, trigger, remembered);
        customer.declines.add(Stamp.of(trigger));
        String fingerprint =
                declined.instrument() == null ? null : declined.instrument().cardFingerprint();
        if (fingerprint != null) {
            customer.cards.add(new Stamp(trigger.occurredAt(), trigger.eventId(), null, fingerprint));
            CardFacts card = facts.get(cardKey(fingerprint), CardFacts.class, CardFacts::new);
            card.declines.add(Stamp.of(trigger));
            RuleVersion cardTesting = rules.at(CARD_TESTING, trigger.recordedAt());
            // a card's declines matter to card-testing alone: kept for its window while it runs, an hour otherwise
            Facts.prune(
                    card.declines,
                    trigger.occurredAt(),
                    cardTesting.enabled() ? cardTesting.duration("window") : Duration.ofHours(1));
            remembered.card(cardKey(fingerprint), fingerprint, card);
        }
        remembered.orderAsIs(order);
        return true;
    }

    private boolean on(PaymentCapturedEvent captured, Trigger trigger, FactStore facts, Remembered remembered) {
        OrderFacts order = order(facts, captured.orderId().value());
        if (order == null) {
            return false;
        }
        PaymentFacts payment = order.payment(captured.paymentId().value());
        boolean firstCapture = payment.captured == 0;
        payment.captured += captured.amount().minor();
        payment.captureEvents.add(trigger.eventId());
        order.captured += captured.amount().minor();
        CustomerFacts customer = customer(facts, order.customerId, trigger, remembered);
        customer.captures.add(
                new Stamp(trigger.occurredAt(), trigger.eventId(), rates.inReporting(captured.amount()), null));
        changed(order, remembered);
        if (firstCapture) {
            // the seller's captured payments: the merchant dispute ratio's denominator
            String month = month(trigger.occurredAt());
            SellerMonthFacts sellerMonth = sellerMonth(facts, order.sellerId, month);
            sellerMonth.capturedPayments++;
            remembered.sellerMonth(sellerKey(order.sellerId, month), sellerMonth);
        }
        return true;
    }

    private boolean on(OrderShippedEvent shipped, FactStore facts, Remembered remembered) {
        OrderFacts order = order(facts, shipped.orderId().value());
        if (order == null) {
            return false;
        }
        order.shipped = true;
        changed(order, remembered);
        return true;
    }

    private boolean on(RefundRequestedEvent requested, Trigger trigger, FactStore facts, Remembered remembered) {
        String customerId = requested.customerId().value();
        customer(facts, customerId, trigger, remembered).refundRequests.add(Stamp.of(trigger));
        remembered.orderAsIs(order(facts, requested.orderId().value()));
        return true;
    }

    private boolean on(RefundSettledEvent settled, Trigger trigger, FactStore facts, Remembered remembered) {
        OrderFacts order = order(facts, settled.orderId().value());
        if (order == null) {
            return false;
        }
        PaymentFacts payment = order.payment(settled.paymentId().value());
        payment.refunded += settled.amount().minor();
        payment.refundEvents.add(trigger.eventId());
        CustomerFacts customer = customer(facts, order.customerId, trigger, remembered);
        customer.refunds.add(
                new Stamp(trigger.occurredAt(), trigger.eventId(), rates.inReporting(settled.amount()), null));
        changed(order, remembered);
        return true;
    }

    private boolean on(DisputeOpenedEvent opened, Trigger trigger, FactStore facts, Remembered remembered) {
        OrderFacts order = order(facts, opened.orderId().value());
        if (order == null) {
            return false;
        }
        order.payment(opened.paymentId().value()).disputed += opened.amount().minor();
        SellerMonthFacts month = seller(facts, order.sellerId, trigger, remembered);
        month.disputes++;
        month.recentDisputes.add(trigger.eventId());
        if (month.recentDisputes.size() > 20) {
            month.recentDisputes.remove(0);
        }
        changed(order, remembered);
        return true;
    }

    /** A fraud confirmed about a seller counts toward its month (unless the alert was about the ratio, or an hour). */
    private boolean on(AlertResolvedEvent resolved, Trigger trigger, FactStore facts, Remembered remembered) {
        if (resolved.outcome() != AlertStatus.CONFIRMED_FRAUD
                || resolved.sellerId() == null
                || MERCHANT_DISPUTE_RATIO.equals(resolved.ruleId())
                // an anomaly is about an hour's figures, not a fraud of the seller's
                || RuleCatalog.anomaly(resolved.ruleId())) {
            return false;
        }
        seller(facts, resolved.sellerId(), trigger, remembered).confirmedFraud++;
        return true;
    }

    /** The seller's month of the trigger, touched, with the month before it as remembered. */
    private static SellerMonthFacts seller(FactStore facts, String sellerId, Trigger trigger, Remembered remembered) {
        String month = month(trigger.occurredAt());
        SellerMonthFacts current = sellerMonth(facts, sellerId, month);
        remembered
                .seller(sellerId, month, facts.find(sellerKey(sellerId, previous(month)), SellerMonthFacts.class))
                .sellerMonth(sellerKey(sellerId, month), current);
        return current;
    }

    /** The order, changed by the event. */
    private static void changed(OrderFacts order, Remembered remembered) {
        remembered.order(orderKey(order.orderId), order);
    }

    /**
     * The customer's record, touched by the event, its windows cut to what the rules in force can still look at.
     */
    private CustomerFacts customer(FactStore facts, String customerId, Trigger trigger, Remembered remembered) {
        CustomerFacts customer = facts.get(customerKey(customerId), CustomerFacts.class, CustomerFacts::new);
        RuleVersion refunds = rules.at(REFUND_ABUSE, trigger.recordedAt());
        RuleVersion cards = rules.at(CARD_TESTING, trigger.recordedAt());
        Instant now = trigger.occurredAt();
        Facts.prune(customer.refundRequests, now, refunds.duration("count-window"));
        Facts.prune(customer.captures, now, refunds.duration("share-window"));
        Facts.prune(customer.refunds, now, refunds.duration("share-window"));
        Facts.prune(customer.declines, now, cards.duration("window"));
        Facts.prune(customer.cards, now, cards.duration("window"));
        remembered.customer(customerKey(customerId), customerId, customer);
        return customer;
    }

    private static OrderFacts order(FactStore facts, String orderId) {
        return facts.find(orderKey(orderId), OrderFacts.class);
    }

    private static SellerMonthFacts sellerMonth(FactStore facts, String sellerId, String month) {
        return facts.get(sellerKey(sellerId, month), SellerMonthFacts.class, SellerMonthFacts::new);
    }

    static String month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC)).toString();
    }

    private static String previous(String month) {
        return YearMonth.parse(month).minusMonths(1).toString();
    }

    /**
     * The keys of the records of {@code kinds} for {@code payload}, whose order is {@code order} as remembered (or
     * null): a refund request's customer and a resolved alert's seller are their own.
     */
    static List<String> keys(Set<FactKind> kinds, OrderFacts order, Object payload, Instant occurredAt) {
        List<String> keys = new ArrayList<>();
        if (kinds.contains(FactKind.CUSTOMER)) {
            String customerId = payload instanceof RefundRequestedEvent requested
                    ? requested.customerId().value()
                    : order == null ? null : order.customerId;
            if (customerId != null) {
                keys.add(customerKey(customerId));
            }
        }
        if (kinds.contains(FactKind.CARD)
                && payload instanceof PaymentDeclinedEvent declined
                && declined.instrument() != null
                && declined.instrument().cardFingerprint() != null) {
            keys.add(cardKey(declined.instrument().cardFingerprint()));
        }
        if (kinds.contains(FactKind.SELLER_MONTHS)) {
            String sellerId = payload instanceof AlertResolvedEvent resolved
                    ? resolved.sellerId()
                    : order == null ? null : order.sellerId;
            if (sellerId != null) {
                String month = month(occurredAt);
                keys.add(sellerKey(sellerId, month));
                keys.add(sellerKey(sellerId, previous(month)));
            }
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
