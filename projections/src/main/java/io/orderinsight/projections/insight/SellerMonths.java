package io.orderinsight.projections.insight;

import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.projections.support.CounterChanges;
import java.time.Instant;
import org.bson.Document;

/**
 * Seller months ({@code seller_months}, {@link SellerMonth}): per seller, month of the event (UTC) and currency, orders and
 * GMV, captured and refunded money, payments captured in full, disputes and confirmed fraud — what the seller KPIs
 * and the card networks' programmes are read from.
 */
final class SellerMonths {

    private final InsightProjection insight;

    SellerMonths(InsightProjection insight) {
        this.insight = insight;
    }

    void on(OrderPlacedEvent event, InsightChanges changes) {
        CounterChanges writes = changes.counters;
        String month = month(writes, changes.order(event.orderId().value()), event.occurredAt());
        writes.increment(insight.sellers, month, SellerMonth.ORDERS, 1)
                .increment(
                        insight.sellers, month, SellerMonth.GMV, event.total().minor());
    }

    void on(PaymentCapturedEvent event, InsightChanges changes) {
        CounterChanges writes = changes.counters;
        String month = month(writes, changes.order(event.orderId().value()), event.occurredAt());
        writes.increment(
                        insight.sellers,
                        month,
                        SellerMonth.CAPTURED,
                        event.amount().minor())
                .increment(
                        insight.sellers,
                        month,
                        SellerMonth.CAPTURED_PAYMENTS,
                        event.capturedTotal().equals(event.amount()) ? 1 : 0);
    }

    void on(RefundSettledEvent event, InsightChanges changes) {
        counted(
                event.orderId().value(),
                event.occurredAt(),
                SellerMonth.REFUNDED,
                event.amount().minor(),
                changes);
    }

    void on(DisputeOpenedEvent event, InsightChanges changes) {
        counted(event.orderId().value(), event.occurredAt(), SellerMonth.DISPUTES, 1, changes);
    }

    /** Fraud an analyst confirmed on an order counts against its seller's month, beside disputes. */
    void on(AlertResolvedEvent event, InsightChanges changes) {
        if (event.outcome() == AlertStatus.CONFIRMED_FRAUD && event.subjectType() == SubjectType.ORDER) {
            counted(event.subjectId(), event.occurredAt(), SellerMonth.FRAUD, 1, changes);
        }
    }

    private void counted(String orderId, Instant at, String field, long amount, InsightChanges changes) {
        changes.counters.increment(insight.sellers, month(changes.counters, changes.order(orderId), at), field, amount);
    }

    /** The id of the order's seller's month of {@code at} in the order's currency, made known to the changes. */
    private String month(CounterChanges writes, InsightOrder order, Instant at) {
        String id = String.join("|", order.sellerId(), InsightCollections.monthOf(at), order.currency());
        writes.identify(
                insight.sellers,
                id,
                new Document(InsightCollections.SELLER_ID, order.sellerId())
                        .append(InsightCollections.MONTH, InsightCollections.monthOf(at))
                        .append(InsightCollections.CURRENCY, order.currency()));
        return id;
    }
}
