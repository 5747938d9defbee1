package io.orderinsight.command.risk;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rules remember between events, one record per subject: an order with its payments, a customer's recent
 * activity, a card's recent declines, a seller's month. Plain mutable records, stored as JSON by the live detector
 * and kept in memory by a backtest; {@link FactKeeper} is the only code that changes them (and {@link RiskEngine}
 * notes in them what was alerted for), the rules read them.
 */
public final class Facts {

    private Facts() {}

    /** One event in a window: when it happened, its id, and an amount or a card where it has one. */
    @JsonSerialize(using = StampJson.Writer.class)
    @JsonDeserialize(using = StampJson.Reader.class)
    public record Stamp(Instant at, String eventId, BigDecimal amount, String card) {

        static Stamp of(Trigger trigger) {
            return new Stamp(trigger.occurredAt(), trigger.eventId(), null, null);
        }
    }

    /** Drops the stamps that happened before {@code now - horizon}. */
    static void prune(List<Stamp> stamps, Instant now, Duration horizon) {
        Instant oldest = now.minus(horizon);
        stamps.removeIf(stamp -> stamp.at().isBefore(oldest));
    }

    static List<Stamp> within(List<Stamp> stamps, Instant now, Duration window) {
        Instant oldest = now.minus(window);
        List<Stamp> recent = new ArrayList<>();
        for (Stamp stamp : stamps) {
            if (between(stamp, oldest, now)) {
                recent.add(stamp);
            }
        }
        return recent;
    }

    /** How many of {@code stamps} fall within {@code window} before {@code now}, counted without copying them. */
    static int countWithin(List<Stamp> stamps, Instant now, Duration window) {
        Instant oldest = now.minus(window);
        int count = 0;
        for (Stamp stamp : stamps) {
            if (between(stamp, oldest, now)) {
                count++;
            }
        }
        return count;
    }

    /** The ids of the stamps' events, cited as evidence. */
    static List<String> ids(List<Stamp> stamps) {
        List<String> ids = new ArrayList<>();
        stamps.forEach(stamp -> ids.add(stamp.eventId()));
        return ids;
    }

    /** The sum of the stamps' amounts. */
    static BigDecimal sum(List<Stamp> stamps) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Stamp stamp : stamps) {
            sum = sum.add(stamp.amount());
        }
        return sum;
    }

    /** Whether {@code ruleId} fired for the customer less than {@code window} before {@code now}. */
    static boolean alertedWithin(CustomerFacts customer, String ruleId, Instant now, Duration window) {
        Instant last = customer.lastAlerted.get(ruleId);
        return last != null && last.plus(window).isAfter(now);
    }

    private static boolean between(Stamp stamp, Instant oldest, Instant now) {
        return !stamp.at().isBefore(oldest) && !stamp.at().isAfter(now);
    }

    /**
     * Whether the stamps within {@code window} before {@code now} name at least {@code wanted} distinct cards: the
     * question a busy customer's every payment asks, answered without building the set of all their cards.
     */
    static boolean distinctCardsReach(List<Stamp> stamps, Instant now, Duration window, long wanted) {
        if (wanted <= 0) {
            return true;
        }
        Instant oldest = now.minus(window);
        List<String> seen = new ArrayList<>();
        for (Stamp stamp : stamps) {
            if (!between(stamp, oldest, now) || seen.contains(stamp.card())) {
                continue;
            }
            seen.add(stamp.card());
            if (seen.size() >= wanted) {
                return true;
            }
        }
        return false;
    }

    public static final class OrderFacts {
        public String orderId;
        public String customerId;
        public String sellerId;
        public String currency;
        public String shippingCountry;
        public long total;
        public long captured;
        public boolean shipped;
        public boolean cashOnDelivery;
        public String placedEventId;
        public Map<String, PaymentFacts> payments = new LinkedHashMap<>();
        /** The occasions this order was already alerted for, so that a rule fires once per occasion. */
        public Set<String> alerted = new LinkedHashSet<>();

        PaymentFacts payment(String paymentId) {
            return payments.computeIfAbsent(paymentId, id -> new PaymentFacts());
        }

        /** The order's placement, its captures and the trigger: the evidence of a rule about what was captured. */
        List<String> captureEvidence(Trigger trigger) {
            List<String> evidence = new ArrayList<>();
            evidence.add(placedEventId);
            payments.values().forEach(payment -> evidence.addAll(payment.captureEvents));
            if (!evidence.contains(trigger.eventId())) {
                evidence.add(trigger.eventId());
            }
            return evidence;
        }
    }

    public static final class PaymentFacts {
        public long authorized;
        public long captured;
        public long refunded;
        public long disputed;
        public String method;
        public String authorizedEventId;
        public List<String> captureEvents = new ArrayList<>();
        public List<String> refundEvents = new ArrayList<>();
    }

    public static final class CustomerFacts {
        public List<Stamp> refundRequests = new ArrayList<>();
        /** Captures and refunds paid out, in the reporting currency. */
        public List<Stamp> captures = new ArrayList<>();

        public List<Stamp> refunds = new ArrayList<>();
        public List<Stamp> declines = new ArrayList<>();
        /** Payments with a card fingerprint, authorized or declined. */
        public List<Stamp> cards = new ArrayList<>();
        /** When each rule last fired for this customer: a rule fires again only after its window has passed. */
        public Map<String, Instant> lastAlerted = new HashMap<>();
    }

    public static final class CardFacts {
        public List<Stamp> declines = new ArrayList<>();
        public Instant lastAlerted;
    }

    public static final class SellerMonthFacts {
        public long capturedPayments;
        public long disputes;
        public long confirmedFraud;
        /** The latest dispute events, cited as evidence. */
        public List<String> recentDisputes = new ArrayList<>();

        public Set<String> alerted = new LinkedHashSet<>();
    }
}
