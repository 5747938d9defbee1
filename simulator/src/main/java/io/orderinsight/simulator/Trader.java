package io.orderinsight.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderinsight.simulator.Market.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays orders through their lives over the API and books every accepted step in the ledger: ordinary orders at
 * realistic rates, and the patterns each fraud rule must catch, booked with the alerts they must raise.
 */
final class Trader {

    private final Traffic traffic;
    private final Ledger ledger;
    private final Market market;
    private final String tag;
    private final long seed;
    private final Set<String> refundedCustomers = ConcurrentHashMap.newKeySet();

    Trader(Traffic traffic, Ledger ledger, Market market, String tag, long seed) {
        this.traffic = traffic;
        this.ledger = ledger;
        this.market = market;
        this.tag = tag;
        this.seed = seed;
    }

    record Line(String category, int quantity, long unitPrice) {}

    /** One order's state as far as the ledger needs it. */
    private final class Order {
        final String id;
        final String seller;
        final String currency;
        final long total;
        boolean authorized;
        boolean captured;

        Order(String id, String seller, String currency, long total) {
            this.id = id;
            this.seller = seller;
            this.currency = currency;
            this.total = total;
        }
    }

    /** Ordinary traffic: order {@code index} of the run, the same for the same seed. */
    void ordinary(long index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        Customer customer = market.customer(random);
        String currency = customer.country().currency();
        List<Line> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            lines.add(new Line(
                    Market.pick(random, Market.CATEGORIES), 1 + random.nextInt(3), Market.unitPrice(random, currency)));
        }
        Order order = place(
                tag + "-o-" + index,
                customer.id(),
                market.seller(random),
                currency,
                customer.country().code(),
                Market.pick(random, Market.CHANNELS),
                lines);
        if (order == null) {
            return;
        }
        if (random.nextDouble() < 0.03) {
            cancel(order); // changed their mind before paying
            return;
        }
        double method = random.nextDouble();
        String payment = order.id + "-p1";
        if (method < 0.08) {
            cashOnDelivery(order, payment, random);
            return;
        }
        String kind = method < 0.78 ? "CARD" : method < 0.93 ? "WALLET" : "BANK";
        String country = customer.country().code();
        if (random.nextDouble() < 0.06) {
            pay(order, payment, order.total, kind, "DECLINED", customer.fingerprint(), country, country);
            payment = order.id + "-p2";
            if (random.nextDouble() < 0.3) {
                cancel(order); // gave up after the decline
                return;
            }
        }
        if (!pay(order, payment, order.total, kind, "AUTHORIZED", customer.fingerprint(), country, country)) {
            return;
        }
        if (random.nextDouble() < 0.1) {
            long first = Math.max(1, order.total * (30 + random.nextInt(40)) / 100);
            capture(order, payment, first);
            capture(order, payment, order.total - first);
        } else {
            capture(order, payment, order.total);
        }
        boolean refunded = false;
        if (random.nextDouble() < 0.05 && refundedCustomers.add(customer.id())) {
            // at most one refund per customer, at most a fifth of the order: ordinary, not abuse
            refunded = refund(
                    order, payment, order.id + "-r", Math.max(1, order.total * (5 + random.nextInt(16)) / 100), true);
        }
        if (random.nextDouble() < 0.95 && ship(order) && random.nextDouble() < 0.9) {
            deliver(order);
        }
        if (!refunded && random.nextDouble() < 0.004) {
            dispute(order, payment, order.id + "-d", order.total, random.nextBoolean() ? "WON" : "LOST");
        }
    }

    private void cashOnDelivery(Order order, String payment, SplittableRandom random) {
        if (!pay(order, payment, order.total, "COD", "AUTHORIZED", null, null, null)) {
            return;
        }
        if (ship(order) && random.nextDouble() < 0.9 && deliver(order)) {
            capture(order, payment, order.total); // the cash collected at the door
        }
    }

    /** The patterns of set {@code set}, each on customers, orders and sellers of its own. */
    void patterns(int set, Rules rules) {
        String p = tag + "-p" + set;
        String seller = p + "-seller";
        boolean unpaid = rules.deadlineInjected(Rules.UNPAID_ORDER);
        if (unpaid) {
            Order order = patternOrder(p + "-unpaid", p + "-c-unpaid", seller, 1_000);
            expectUnpaid(order, rules);
        }
        if (rules.deadlineInjected(Rules.STALE_AUTHORIZATION)
                && (!rules.enabled(Rules.UNPAID_ORDER)
                        || rules.duration(Rules.STALE_AUTHORIZATION, "after")
                                        .compareTo(rules.duration(Rules.UNPAID_ORDER, "after"))
                                < 0)) {
            Order order = patternOrder(p + "-stale", p + "-c-stale", seller, 1_000);
            if (order != null
                    && pay(order, order.id + "-p", 1_000, "CARD", "AUTHORIZED", p + "-fp-stale", "US", "US")) {
                ledger.expect(Rules.STALE_AUTHORIZATION, order.id + "-p");
            }
            expectUnpaid(order, rules);
        }
        if (rules.enabled(Rules.AMOUNT_MISMATCH) || rules.enabled(Rules.SHIPPED_BEFORE_CAPTURE)) {
            Order part = patternOrder(p + "-part", p + "-c-part", seller, 1_000);
            if (part != null && pay(part, part.id + "-p", 1_000, "CARD", "AUTHORIZED", p + "-fp-part", "US", "US")) {
                capture(part, part.id + "-p", 600);
                if (ship(part)) {
                    expectIf(rules, Rules.AMOUNT_MISMATCH, part.id);
                    expectIf(rules, Rules.SHIPPED_BEFORE_CAPTURE, part.id);
                }
            }
        }
        if (rules.enabled(Rules.AMOUNT_MISMATCH)) {
            Order over = patternOrder(p + "-over", p + "-c-over", seller, 1_000);
            if (over != null && pay(over, over.id + "-p", 1_500, "CARD", "AUTHORIZED", p + "-fp-over", "US", "US")) {
                if (capture(over, over.id + "-p", 1_200)) {
                    ledger.expect(Rules.AMOUNT_MISMATCH, over.id);
                }
            }
        }
        if (rules.enabled(Rules.SHIPPED_BEFORE_CAPTURE)) {
            Order ship = patternOrder(p + "-ship", p + "-c-ship", seller, 1_000);
            if (ship != null && ship(ship)) {
                ledger.expect(Rules.SHIPPED_BEFORE_CAPTURE, ship.id);
            }
        }
        if (rules.enabled(Rules.DUPLICATE_CAPTURE)) {
            Order dup = paidPatternOrder(p + "-dup", p + "-c-dup", seller, 1_000);
            if (dup != null
                    && pay(dup, dup.id + "-p2", 1_000, "CARD", "AUTHORIZED", p + "-fp-dup", "US", "US")
                    && capture(dup, dup.id + "-p2", 1_000)) {
                ledger.expect(Rules.DUPLICATE_CAPTURE, dup.id);
            }
        }
        if (rules.enabled(Rules.GEO_MISMATCH)) {
            long amount = rules.amount(Rules.GEO_MISMATCH, "min-amount") + 10_000;
            Order geo = patternOrder(p + "-geo", p + "-c-geo", seller, amount);
            if (geo != null && pay(geo, geo.id + "-p", amount, "CARD", "AUTHORIZED", p + "-fp-geo", "US", "FR")) {
                capture(geo, geo.id + "-p", amount);
                ledger.expect(Rules.GEO_MISMATCH, geo.id);
            }
        }
        if (rules.enabled(Rules.CHARGEBACK_AFTER_REFUND)) {
            Order cb = paidPatternOrder(p + "-cb", p + "-c-cb", p + "-seller-cb", 1_000);
            if (cb != null
                    && refund(cb, cb.id + "-p", cb.id + "-r", 300, true)
                    && dispute(cb, cb.id + "-p", cb.id + "-d", 600, null)) {
                ledger.expect(Rules.CHARGEBACK_AFTER_REFUND, cb.id + "-p");
            }
        }
        if (rules.enabled(Rules.MERCHANT_DISPUTE_RATIO)) {
            String merchant = p + "-seller-m";
            long disputes = rules.count(Rules.MERCHANT_DISPUTE_RATIO, "min-count");
            boolean all = true;
            for (int i = 0; i < disputes; i++) {
                Order order = paidPatternOrder(p + "-m" + i, p + "-c-m" + i, merchant, 1_000);
                all &= order != null && dispute(order, order.id + "-p", order.id + "-d", 1_000, null);
            }
            if (all) {
                ledger.expect(Rules.MERCHANT_DISPUTE_RATIO, merchant);
            }
        }
        if (rules.enabled(Rules.CARD_TESTING)) {
            Order card = patternOrder(p + "-card", p + "-c-card", seller, 1_000);
            long declines = rules.count(Rules.CARD_TESTING, "declines");
            boolean all = card != null;
            for (int i = 0; i < declines && card != null; i++) {
                all &= pay(card, card.id + "-p" + i, 1_000, "CARD", "DECLINED", p + "-fp-card", "US", "US");
            }
            if (all) {
                ledger.expect(Rules.CARD_TESTING, p + "-c-card");
            }
            expectUnpaid(card, rules);
        }
        if (rules.enabled(Rules.REFUND_ABUSE)) {
            long refunds = rules.count(Rules.REFUND_ABUSE, "count");
            boolean all = true;
            for (int i = 0; i < refunds; i++) {
                Order order = paidPatternOrder(p + "-ra" + i, p + "-c-ra", seller, 1_000);
                all &= order != null && refund(order, order.id + "-p", order.id + "-r", 100, false);
            }
            if (all) {
                ledger.expect(Rules.REFUND_ABUSE, p + "-c-ra");
            }
        }
    }

    private void expectIf(Rules rules, String rule, String subject) {
        if (rules.enabled(rule)) {
            ledger.expect(rule, subject);
        }
    }

    /** An order nobody pays: the unpaid-order rule cancels it, which the ledger books as the system's doing. */
    private void expectUnpaid(Order order, Rules rules) {
        if (order != null && rules.deadlineInjected(Rules.UNPAID_ORDER)) {
            ledger.expect(Rules.UNPAID_ORDER, order.id);
            ledger.figure(order.currency, "cancelled", 1);
        }
    }

    private Order patternOrder(String id, String customer, String seller, long price) {
        return place(id, customer, seller, "USD", "US", "SHOP", List.of(new Line("electronics", 1, price)));
    }

    private Order paidPatternOrder(String id, String customer, String seller, long price) {
        Order order = patternOrder(id, customer, seller, price);
        if (order == null
                || !pay(order, id + "-p", price, "CARD", "AUTHORIZED", customer + "-fp", "US", "US")
                || !capture(order, id + "-p", price)) {
            return null;
        }
        return order;
    }

    private Order place(
            String id,
            String customer,
            String seller,
            String currency,
            String country,
            String channel,
            List<Line> lines) {
        ObjectNode body = Traffic.object()
                .put("orderId", id)
                .put("customerId", customer)
                .put("sellerId", seller)
                .put("currency", currency)
                .put("channel", channel)
                .put("shippingCountry", country);
        ArrayNode items = body.putArray("items");
        long total = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            items.addObject()
                    .put("sku", line.category() + "-" + i)
                    .put("category", line.category())
                    .put("quantity", line.quantity())
                    .put("unitPrice", line.unitPrice());
            total += line.unitPrice() * line.quantity();
        }
        body.putObject("customer").put("email", customer + "@example.com").put("name", "Customer " + customer);
        body.putObject("shippingAddress")
                .put("line1", "1 Market Street")
                .put("city", "Springfield")
                .put("postalCode", "10115");
        if (!traffic.command(id, "/api/v1/orders", body, id + "-place")) {
            return null;
        }
        Order order = new Order(id, seller, currency, total);
        ledger.figure(currency, "orders", 1);
        ledger.figure(currency, "gmv", total);
        ledger.funnel("placed");
        ledger.seller(seller, currency, "orders", 1);
        ledger.seller(seller, currency, "gmv", total);
        return order;
    }

    private boolean pay(
            Order order,
            String payment,
            long amount,
            String method,
            String outcome,
            String fingerprint,
            String ip,
            String billing) {
        ObjectNode body = Traffic.object()
                .put("paymentId", payment)
                .put("orderId", order.id)
                .put("amount", amount)
                .put("currency", order.currency)
                .put("method", method)
                .put("outcome", outcome);
        if (outcome.equals("DECLINED")) {
            body.put("declineReason", "insufficient_funds");
        }
        if (fingerprint != null) {
            body.put("cardFingerprint", fingerprint).put("ipCountry", ip).put("billingCountry", billing);
        }
        if (!traffic.command(order.id, "/api/v1/payments", body, payment + "-record")) {
            return false;
        }
        ledger.figure(order.currency, "paymentAttempts", 1);
        if (outcome.equals("DECLINED")) {
            ledger.figure(order.currency, "declines", 1);
        } else if (!order.authorized) {
            order.authorized = true;
            ledger.funnel("authorized");
        }
        return true;
    }

    private final Set<String> capturedPayments = ConcurrentHashMap.newKeySet();

    /** How many captures each payment had sent: each capture's idempotency key is its own. */
    private final java.util.Map<String, Integer> captures = new ConcurrentHashMap<>();

    private boolean capture(Order order, String payment, long amount) {
        if (!traffic.command(
                order.id,
                "/api/v1/payments/" + payment + "/capture",
                Traffic.object().put("amount", amount),
                payment + "-capture-" + captures.merge(payment, 1, Integer::sum))) {
            return false;
        }
        ledger.figure(order.currency, "captured", amount);
        ledger.seller(order.seller, order.currency, "captured", amount);
        if (capturedPayments.add(payment)) {
            ledger.seller(order.seller, order.currency, "capturedPayments", 1);
        }
        if (!order.captured) {
            order.captured = true;
            ledger.funnel("captured");
        }
        return true;
    }

    private boolean ship(Order order) {
        boolean ok = traffic.command(
                order.id,
                "/api/v1/orders/" + order.id + "/shipment",
                Traffic.object().put("carrier", "DHL").put("trackingNumber", "T"),
                order.id + "-ship");
        if (ok) {
            ledger.funnel("shipped");
        }
        return ok;
    }

    private boolean deliver(Order order) {
        boolean ok = traffic.command(order.id, "/api/v1/orders/" + order.id + "/delivery", null, order.id + "-deliver");
        if (ok) {
            ledger.funnel("delivered");
        }
        return ok;
    }

    private boolean cancel(Order order) {
        boolean ok = traffic.command(
                order.id,
                "/api/v1/orders/" + order.id + "/cancellation",
                Traffic.object().put("reason", "customer request"),
                order.id + "-cancel");
        if (ok) {
            ledger.figure(order.currency, "cancelled", 1);
        }
        return ok;
    }

    /** Requests a refund; with {@code complete}, approves and pays it out too (only then is it refunded money). */
    private boolean refund(Order order, String payment, String refund, long amount, boolean complete) {
        boolean requested = traffic.command(
                order.id,
                "/api/v1/refunds",
                Traffic.object()
                        .put("refundId", refund)
                        .put("orderId", order.id)
                        .put("paymentId", payment)
                        .put("amount", amount)
                        .put("reason", "damaged"),
                refund + "-request");
        if (!requested || !complete) {
            return requested;
        }
        if (traffic.command(order.id, "/api/v1/refunds/" + refund + "/approval", null, refund + "-approve")
                && traffic.command(order.id, "/api/v1/refunds/" + refund + "/completion", null, refund + "-complete")) {
            ledger.figure(order.currency, "refunded", amount);
            ledger.seller(order.seller, order.currency, "refunded", amount);
            return true;
        }
        return false;
    }

    /** Opens a dispute; resolves it when {@code outcome} is given. */
    private boolean dispute(Order order, String payment, String dispute, long amount, String outcome) {
        boolean opened = traffic.command(
                order.id,
                "/api/v1/payments/" + payment + "/disputes",
                Traffic.object().put("disputeId", dispute).put("amount", amount).put("reason", "not received"),
                dispute + "-open");
        if (!opened) {
            return false;
        }
        ledger.seller(order.seller, order.currency, "disputes", 1);
        if (outcome != null) {
            traffic.command(
                    order.id,
                    "/api/v1/payments/" + payment + "/disputes/" + dispute + "/resolution",
                    Traffic.object().put("outcome", outcome),
                    dispute + "-resolve");
        }
        return true;
    }
}
