package io.orderinsight.projections.insight;

import io.orderinsight.projections.support.CounterChanges;
import io.orderinsight.projections.support.StreamPosition;
import io.orderinsight.projections.support.WriteBatch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

/**
 * One event's changes to insight, made by each of its concerns in turn: counter changes and documents kept whole (the
 * order's, the loss ledger's lines). Handed to the batch together once every concern is done, so an event is applied
 * whole or, when one of them fails, not at all.
 */
final class InsightChanges {

    final CounterChanges counters = new CounterChanges();
    private final InsightProjection insight;
    private final Map<String, InsightOrder> orders = new HashMap<>();
    private final Map<String, InsightOrder> changedOrders = new LinkedHashMap<>();
    private final Map<String, LossEntry> losses = new LinkedHashMap<>();

    InsightChanges(InsightProjection insight) {
        this.insight = insight;
    }

    /** The order as this event has left it so far. */
    InsightOrder order(String orderId) {
        InsightOrder order = orderIfPlaced(orderId);
        if (order == null) {
            // Every payment and order event follows its order's placement in the stream; a missing order is a bug.
            throw new IllegalStateException("no placement seen for order " + orderId);
        }
        return order;
    }

    /** The order as this event found it or has changed it; null for an order not placed yet. */
    InsightOrder orderIfPlaced(String orderId) {
        InsightOrder order = orders.get(orderId);
        if (order == null) {
            Document stored = insight.orderIfPlaced(orderId);
            if (stored != null) {
                order = InsightOrder.of(stored);
                orders.put(orderId, order);
            }
        }
        return order;
    }

    /** The order's document as this event leaves it. */
    void put(String orderId, InsightOrder order) {
        orders.put(orderId, order);
        changedOrders.put(orderId, order);
    }

    /** A line of the loss ledger this event writes, by its id. */
    void loss(String id, LossEntry line) {
        losses.put(id, line);
    }

    /** The changes into the batch, as the event at {@code position}'s. */
    void into(WriteBatch batch, EventMessage<?> event, StreamPosition position) {
        counters.into(batch, event, position);
        changedOrders.forEach((id, order) -> batch.put(insight.orders, id, order.toDocument()));
        losses.forEach((id, line) -> batch.put(insight.losses, id, line.toDocument()));
    }
}
