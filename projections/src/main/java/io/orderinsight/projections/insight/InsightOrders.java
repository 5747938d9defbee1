package io.orderinsight.projections.insight;

import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.projections.insight.InsightCollections.Order;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The per-order document of insight ({@code insight_orders}): what the other handlers need to place an order's later
 * events (customer, seller, country, channel, currency, total, placement time, value per category), written when the
 * order is placed. The funnel marks the stages it reached on it, the loss ledger the refunds paid out.
 */
final class InsightOrders {

    private final InsightProjection insight;

    InsightOrders(InsightProjection insight) {
        this.insight = insight;
    }

    void on(OrderPlacedEvent event, InsightChanges changes) {
        Map<String, Long> categories = new LinkedHashMap<>();
        for (OrderLine line : event.items()) {
            categories.merge(line.category(), Math.multiplyExact(line.unitPrice(), (long) line.quantity()), Long::sum);
        }
        List<Document> lines = new ArrayList<>();
        categories.forEach(
                (category, amount) -> lines.add(new Document(Order.CATEGORY, category).append(Order.AMOUNT, amount)));
        Document order = new Document(Order.CUSTOMER_ID, event.customerId().value())
                .append(InsightCollections.SELLER_ID, event.sellerId().value())
                .append(InsightCollections.COUNTRY, event.shippingCountry())
                .append(InsightCollections.CHANNEL, event.channel().name())
                .append(InsightCollections.CURRENCY, event.total().currency().getCurrencyCode())
                .append(Order.TOTAL, event.total().minor())
                .append(Order.PLACED_AT, Date.from(event.occurredAt()))
                .append(Order.LINES, lines)
                .append(Order.STAGES, List.of());
        String orderId = event.orderId().value();
        // delivered again, the order keeps the stages it reached meanwhile
        if (changes.orderIfPlaced(orderId) == null) {
            changes.put(insight.orders, orderId, order);
        }
    }
}
