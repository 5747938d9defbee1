package io.orderinsight.query;

import io.orderinsight.projections.order.OrderViewFields;
import io.orderinsight.projections.order.OrderViewFields.Line;
import io.orderinsight.projections.order.OrderViewFields.PaymentEntry;
import io.orderinsight.projections.order.OrderViewFields.PaymentEntry.Movement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.BiConsumer;
import org.bson.Document;

/**
 * What one order view contributes to insight, each figure dated by the event that caused it: placement and
 * cancellation by their own times, each capture and refund by when it happened, each decline by when it came.
 */
record OrderFacts(
        String customerId,
        String currency,
        String sellerId,
        String country,
        String channel,
        long total,
        List<Document> lines,
        Instant placedAt,
        Instant cancelledAt,
        Instant shippedAt,
        Instant deliveredAt,
        List<Dated> captures,
        List<Dated> refunds,
        List<Instant> attempts,
        List<Instant> declines,
        boolean authorized,
        int disputes,
        int capturedPayments,
        List<String> cards) {

    /** An amount that moved at a time. */
    record Dated(Instant at, long amount) {}

    static OrderFacts of(Document order) {
        List<Dated> captures = new ArrayList<>();
        List<Dated> refunds = new ArrayList<>();
        List<Instant> attempts = new ArrayList<>();
        List<Instant> declines = new ArrayList<>();
        boolean authorized = false;
        int disputes = 0;
        int capturedPayments = 0;
        List<String> cards = new ArrayList<>();
        Document payments = order.get(OrderViewFields.PAYMENTS, Document.class);
        for (Object value : (payments == null ? new Document() : payments).values()) {
            Document payment = (Document) value;
            Date declinedAt = payment.getDate(PaymentEntry.DECLINED_AT);
            if (declinedAt != null) {
                declines.add(declinedAt.toInstant());
                attempts.add(declinedAt.toInstant());
            } else if (payment.getDate(PaymentEntry.AUTHORIZED_AT) != null) {
                authorized = true;
                attempts.add(payment.getDate(PaymentEntry.AUTHORIZED_AT).toInstant());
            }
            movements(payment, PaymentEntry.CAPTURES, (at, amount) -> captures.add(new Dated(at, amount)));
            disputes += payment.getInteger(PaymentEntry.DISPUTES, 0);
            capturedPayments += payment.getLong(PaymentEntry.CAPTURED) > 0 ? 1 : 0;
            String card = payment.getString(PaymentEntry.CARD_FINGERPRINT);
            if (card != null) {
                cards.add(card);
            }
            movements(payment, PaymentEntry.REFUNDS, (at, amount) -> refunds.add(new Dated(at, amount)));
        }
        return new OrderFacts(
                order.getString(OrderViewFields.CUSTOMER_ID),
                order.getString(OrderViewFields.CURRENCY),
                order.getString(OrderViewFields.SELLER_ID),
                order.getString(OrderViewFields.SHIPPING_COUNTRY),
                order.getString(OrderViewFields.CHANNEL),
                order.getLong(OrderViewFields.TOTAL),
                order.getList(OrderViewFields.LINES, Document.class, List.of()),
                instant(order, OrderViewFields.PLACED_AT),
                instant(order, OrderViewFields.CANCELLED_AT),
                instant(order, OrderViewFields.SHIPPED_AT),
                instant(order, OrderViewFields.DELIVERED_AT),
                captures,
                refunds,
                attempts,
                declines,
                authorized,
                disputes,
                capturedPayments,
                cards);
    }

    /** The part of the order's value in {@code category}: the sum of its lines there. */
    long valueIn(String category) {
        return lines.stream()
                .filter(line -> category.equals(line.getString(Line.CATEGORY)))
                .mapToLong(line -> line.getLong(Line.AMOUNT))
                .sum();
    }

    List<String> categories() {
        return lines.stream()
                .map(line -> line.getString(Line.CATEGORY))
                .distinct()
                .toList();
    }

    /** Every time at which this order contributed a figure and which falls in {@code window}, once each bucket. */
    java.util.Set<Instant> timesIn(InsightQueryController.Window window) {
        java.util.Set<Instant> times = new java.util.TreeSet<>();
        java.util.stream.Stream.of(placedAt, cancelledAt)
                .filter(window::contains)
                .forEach(times::add);
        captures.stream().map(Dated::at).filter(window::contains).forEach(times::add);
        refunds.stream().map(Dated::at).filter(window::contains).forEach(times::add);
        attempts.stream().filter(window::contains).forEach(times::add);
        return times;
    }

    long capturedTotal() {
        return captures.stream().mapToLong(Dated::amount).sum();
    }

    private static void movements(Document payment, String field, BiConsumer<Instant, Long> each) {
        for (Document movement : payment.getList(field, Document.class, List.of())) {
            each.accept(movement.getDate(Movement.AT).toInstant(), movement.getLong(Movement.AMOUNT));
        }
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
