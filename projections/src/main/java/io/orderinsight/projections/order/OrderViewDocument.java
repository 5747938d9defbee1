package io.orderinsight.projections.order;

import io.orderinsight.domain.order.OrderStatus;
import io.orderinsight.projections.support.FieldKeys;
import io.orderinsight.projections.support.Times;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A document of {@code order_views}: one order with its status, total and lifecycle times, the refunds asked of it and
 * the money of each of its payments ({@link PaymentEntry}, by payment id). Mapped to and from its document here alone,
 * for the projection and the queries. The payments' entries are each versioned by their own payment's events and
 * written through {@code VersionedDocuments.Entries}: this record reads them, and its own writes leave them alone.
 */
public record OrderViewDocument(
        String customerId,
        String sellerId,
        String channel,
        String shippingCountry,
        String currency,
        long total,
        int items,
        OrderStatus status,
        Instant placedAt,
        Instant cancelledAt,
        Instant shippedAt,
        Instant deliveredAt,
        String sealedPersonalData,
        List<String> refundIds,
        Map<String, PaymentEntry> payments) {

    /** Fields the order lists filter and sort on. */
    public static final String CUSTOMER_ID = "customerId";

    public static final String SELLER_ID = "sellerId";
    public static final String STATUS = "status";
    public static final String PLACED_AT = "placedAt";

    /** Per payment of the order (keyed by encoded payment id): a {@link PaymentEntry}. */
    static final String PAYMENTS = "payments";
    /** The refunds asked of the order, by id. */
    static final String REFUND_IDS = "refundIds";

    private static final String CHANNEL = "channel";
    private static final String SHIPPING_COUNTRY = "shippingCountry";
    private static final String CURRENCY = "currency";
    private static final String TOTAL = "total";
    private static final String ITEMS = "items";
    private static final String CANCELLED_AT = "cancelledAt";
    private static final String SHIPPED_AT = "shippedAt";
    private static final String DELIVERED_AT = "deliveredAt";
    /** The customer's personal data as the event holds it, sealed with the customer's key; absent when none. */
    private static final String SEALED_PERSONAL_DATA = "sealedPersonalData";

    /** An order just placed: nothing paid, shipped or refunded yet. */
    public static OrderViewDocument placed(
            String customerId,
            String sellerId,
            String channel,
            String shippingCountry,
            String currency,
            long total,
            int items,
            Instant placedAt,
            String sealedPersonalData) {
        return new OrderViewDocument(
                customerId,
                sellerId,
                channel,
                shippingCountry,
                currency,
                total,
                items,
                OrderStatus.PLACED,
                placedAt,
                null,
                null,
                null,
                sealedPersonalData,
                List.of(),
                Map.of());
    }

    public static OrderViewDocument of(Document order) {
        Map<String, PaymentEntry> payments = new LinkedHashMap<>();
        Document entries = order.get(PAYMENTS, Document.class);
        if (entries != null) {
            entries.forEach((key, entry) -> payments.put(FieldKeys.decode(key), PaymentEntry.of((Document) entry)));
        }
        return new OrderViewDocument(
                order.getString(CUSTOMER_ID),
                order.getString(SELLER_ID),
                order.getString(CHANNEL),
                order.getString(SHIPPING_COUNTRY),
                order.getString(CURRENCY),
                order.get(TOTAL, Number.class).longValue(),
                order.get(ITEMS, Number.class).intValue(),
                OrderStatus.valueOf(order.getString(STATUS)),
                Times.of(order, PLACED_AT),
                Times.of(order, CANCELLED_AT),
                Times.of(order, SHIPPED_AT),
                Times.of(order, DELIVERED_AT),
                order.getString(SEALED_PERSONAL_DATA),
                order.getList(REFUND_IDS, String.class, List.of()),
                payments);
    }

    /** The order's own fields (its payments' entries are written apart, each with its version). */
    public Document toDocument() {
        Document order = new Document(CUSTOMER_ID, customerId)
                .append(SELLER_ID, sellerId)
                .append(CHANNEL, channel)
                .append(SHIPPING_COUNTRY, shippingCountry)
                .append(CURRENCY, currency)
                .append(TOTAL, total)
                .append(ITEMS, items)
                .append(STATUS, status.name())
                .append(PLACED_AT, date(placedAt))
                .append(REFUND_IDS, refundIds);
        putIfPresent(order, CANCELLED_AT, date(cancelledAt));
        putIfPresent(order, SHIPPED_AT, date(shippedAt));
        putIfPresent(order, DELIVERED_AT, date(deliveredAt));
        putIfPresent(order, SEALED_PERSONAL_DATA, sealedPersonalData);
        return order;
    }

    /** The order's payments' money summed: what the order's own totals are. */
    public PaymentEntry paid() {
        return payments.values().stream().reduce(PaymentEntry.NONE, PaymentEntry::plus);
    }

    public OrderViewDocument cancelled(Instant at) {
        return moved(OrderStatus.CANCELLED, at, shippedAt, deliveredAt);
    }

    public OrderViewDocument shipped(Instant at) {
        return moved(OrderStatus.SHIPPED, cancelledAt, at, deliveredAt);
    }

    public OrderViewDocument delivered(Instant at) {
        return moved(OrderStatus.DELIVERED, cancelledAt, shippedAt, at);
    }

    private OrderViewDocument moved(OrderStatus next, Instant cancelled, Instant shipped, Instant delivered) {
        return new OrderViewDocument(
                customerId,
                sellerId,
                channel,
                shippingCountry,
                currency,
                total,
                items,
                next,
                placedAt,
                cancelled,
                shipped,
                delivered,
                sealedPersonalData,
                refundIds,
                payments);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static void putIfPresent(Document document, String field, Object value) {
        if (value != null) {
            document.append(field, value);
        }
    }
}
