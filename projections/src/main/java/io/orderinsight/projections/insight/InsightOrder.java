package io.orderinsight.projections.insight;

import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.projections.support.FieldKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A document of {@code insight_orders}: what insight needs to place an order's later events — customer, seller,
 * shipping country, channel, currency, total, placement time, value per category — written when the order is placed;
 * the funnel stages it has reached, and the refunds paid out on it (by refund id) to tell money lost twice. Mapped to
 * and from its document here alone.
 */
record InsightOrder(
        String customerId,
        String sellerId,
        String country,
        String channel,
        String currency,
        long total,
        Instant placedAt,
        List<Line> lines,
        List<String> stages,
        Map<String, Payout> refunds) {

    /** The order's value in one category: the sum of its lines of that category. */
    record Line(String category, long amount) {}

    /** A refund paid out on one of the order's payments. */
    record Payout(String paymentId, long amount) {}

    private static final String CUSTOMER_ID = "customerId";
    private static final String SELLER_ID = InsightCollections.SELLER_ID;
    private static final String COUNTRY = InsightCollections.COUNTRY;
    private static final String CHANNEL = InsightCollections.CHANNEL;
    private static final String CURRENCY = InsightCollections.CURRENCY;
    private static final String TOTAL = "total";
    private static final String PLACED_AT = "placedAt";
    private static final String LINES = "lines";
    private static final String CATEGORY = "category";
    private static final String AMOUNT = "amount";
    private static final String STAGES = "stages";
    private static final String REFUNDS = "refunds";
    private static final String PAYMENT_ID = "paymentId";

    /** The order as placed: its lines summed by category, in the order the categories first appear. */
    static InsightOrder placed(OrderPlacedEvent event) {
        Map<String, Long> categories = new LinkedHashMap<>();
        for (OrderLine line : event.items()) {
            categories.merge(line.category(), Math.multiplyExact(line.unitPrice(), (long) line.quantity()), Long::sum);
        }
        List<Line> lines = new ArrayList<>(categories.size());
        categories.forEach((category, amount) -> lines.add(new Line(category, amount)));
        return new InsightOrder(
                event.customerId().value(),
                event.sellerId().value(),
                event.shippingCountry(),
                event.channel().name(),
                event.total().currency().getCurrencyCode(),
                event.total().minor(),
                event.occurredAt(),
                lines,
                List.of(),
                Map.of());
    }

    /** The order's member of a dimension other than category: the seller, shipping country or channel. */
    String member(String dimension) {
        return switch (dimension) {
            case InsightCollections.SELLER -> sellerId;
            case InsightCollections.COUNTRY -> country;
            case InsightCollections.CHANNEL -> channel;
            default -> throw new IllegalArgumentException("an order has no single member of " + dimension);
        };
    }

    /** The order with funnel stage {@code stage} reached. */
    InsightOrder reached(String stage) {
        List<String> reached = new ArrayList<>(stages);
        reached.add(stage);
        return new InsightOrder(
                customerId, sellerId, country, channel, currency, total, placedAt, lines, reached, refunds);
    }

    /** The order with refund {@code refundId} paid out (paid out again: the same entry). */
    InsightOrder paidOut(String refundId, Payout payout) {
        Map<String, Payout> paid = new LinkedHashMap<>(refunds);
        paid.put(refundId, payout);
        return new InsightOrder(customerId, sellerId, country, channel, currency, total, placedAt, lines, stages, paid);
    }

    /** What the refunds paid out on payment {@code paymentId} come to. */
    long refundedOn(String paymentId) {
        long refunded = 0;
        for (Payout payout : refunds.values()) {
            if (payout.paymentId().equals(paymentId)) {
                refunded += payout.amount();
            }
        }
        return refunded;
    }

    static InsightOrder of(Document order) {
        List<Line> lines = new ArrayList<>();
        for (Document line : order.getList(LINES, Document.class, List.of())) {
            lines.add(new Line(
                    line.getString(CATEGORY), line.get(AMOUNT, Number.class).longValue()));
        }
        Map<String, Payout> refunds = new LinkedHashMap<>();
        order.get(REFUNDS, new Document()).forEach((key, value) -> {
            Document payout = (Document) value;
            refunds.put(
                    FieldKeys.decode(key),
                    new Payout(
                            payout.getString(PAYMENT_ID),
                            payout.get(AMOUNT, Number.class).longValue()));
        });
        return new InsightOrder(
                order.getString(CUSTOMER_ID),
                order.getString(SELLER_ID),
                order.getString(COUNTRY),
                order.getString(CHANNEL),
                order.getString(CURRENCY),
                order.get(TOTAL, Number.class).longValue(),
                order.getDate(PLACED_AT).toInstant(),
                lines,
                order.getList(STAGES, String.class, List.of()),
                refunds);
    }

    Document toDocument() {
        List<Document> byCategory = new ArrayList<>(lines.size());
        for (Line line : lines) {
            byCategory.add(new Document(CATEGORY, line.category()).append(AMOUNT, line.amount()));
        }
        Document order = new Document(CUSTOMER_ID, customerId)
                .append(SELLER_ID, sellerId)
                .append(COUNTRY, country)
                .append(CHANNEL, channel)
                .append(CURRENCY, currency)
                .append(TOTAL, total)
                .append(PLACED_AT, Date.from(placedAt))
                .append(LINES, byCategory)
                .append(STAGES, stages);
        if (!refunds.isEmpty()) {
            Document paid = new Document();
            refunds.forEach((refundId, payout) -> paid.put(
                    FieldKeys.encode(refundId),
                    new Document(PAYMENT_ID, payout.paymentId()).append(AMOUNT, payout.amount())));
            order.append(REFUNDS, paid);
        }
        return order;
    }
}
