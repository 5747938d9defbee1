package io.orderinsight.projections.insight;

import io.orderinsight.domain.order.OrderPlacedEvent;

/**
 * The per-order document of insight ({@code insight_orders}, an {@link InsightOrder}): what the other handlers need to
 * place an order's later events (customer, seller, country, channel, currency, total, placement time, value per
 * category), written when the order is placed. The funnel marks the stages it reached on it, the loss ledger the
 * refunds paid out.
 */
final class InsightOrders {

    void on(OrderPlacedEvent event, InsightChanges changes) {
        String orderId = event.orderId().value();
        // delivered again, the order keeps the stages it reached meanwhile
        if (changes.orderIfPlaced(orderId) == null) {
            changes.put(orderId, InsightOrder.placed(event));
        }
    }
}
