package io.orderinsight.projections.insight;

import io.orderinsight.domain.order.OrderDeliveredEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.projections.insight.InsightCollections.Funnel;
import io.orderinsight.projections.support.CounterChanges;
import java.time.Instant;

/**
 * The funnel ({@link Funnel}) of the orders placed in each minute: each order counted once into each stage it reaches
 * (authorized, captured, shipped, delivered), by its placement time, in the hour, day and month documents.
 */
final class FunnelCounters {

    private final InsightProjection insight;
    private final Periods periods;

    FunnelCounters(InsightProjection insight, Periods periods) {
        this.insight = insight;
        this.periods = periods;
    }

    void on(PaymentAuthorizedEvent event, InsightChanges changes) {
        reached(event.orderId().value(), Funnel.AUTHORIZED, changes);
    }

    void on(PaymentCapturedEvent event, InsightChanges changes) {
        reached(event.orderId().value(), Funnel.CAPTURED, changes);
    }

    void on(OrderShippedEvent event, InsightChanges changes) {
        reached(event.orderId().value(), Funnel.SHIPPED, changes);
    }

    void on(OrderDeliveredEvent event, InsightChanges changes) {
        reached(event.orderId().value(), Funnel.DELIVERED, changes);
    }

    /**
     * Counts the order into a funnel stage the first time it reaches it, and marks the stage on the order's document.
     * The count is guarded like every counter (exactly once) and written before the documents, so a crash in between
     * counts it once.
     */
    private void reached(String orderId, String stage, InsightChanges changes) {
        InsightOrder order = changes.order(orderId);
        if (order.stages().contains(stage)) {
            return;
        }
        Instant placedAt = order.placedAt();
        CounterChanges writes = changes.counters;
        writes.increment(
                insight.totals,
                periods.hour(writes, order, placedAt),
                InsightCollections.FUNNEL + "." + InsightCollections.minuteKey(placedAt) + "." + stage,
                1);
        for (String rollup : periods.rollups(writes, order, placedAt)) {
            writes.increment(insight.totals, rollup, InsightCollections.FUNNEL + "." + stage, 1);
        }
        changes.put(orderId, order.reached(stage));
    }
}
