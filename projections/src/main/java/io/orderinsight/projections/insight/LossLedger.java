package io.orderinsight.projections.insight;

import io.orderinsight.domain.payment.DisputeOutcome;
import io.orderinsight.domain.payment.DisputeResolvedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.projections.insight.InsightCollections.Order;
import io.orderinsight.projections.risk.RiskCollections.Loss;
import io.orderinsight.projections.support.FieldKeys;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * The loss ledger ({@code loss_ledger}, {@link Loss}): a line per money at risk (an alert's) or lost (a lost dispute's),
 * by the event that caused it, so a redelivery writes the same line again. Keeps the refunds paid out per order on
 * the order's document, to tell money lost twice from a plain lost chargeback.
 */
final class LossLedger {

    /** The cause of a lost dispute's money. */
    static final String LOST_CHARGEBACK = "lost-chargeback";

    /** The cause of money lost twice: refunded, then taken back by a lost dispute. */
    static final String DOUBLE_LOSS = "double-loss";

    private final InsightProjection insight;

    LossLedger(InsightProjection insight) {
        this.insight = insight;
    }

    /** Each payout by refund id on the order's document (a redelivery writes the same entry). */
    void on(RefundSettledEvent event, InsightChanges changes) {
        String orderId = event.orderId().value();
        Document current = changes.order(orderId);
        Document refunds = new Document(current.get(Order.REFUNDS, new Document()));
        refunds.put(
                FieldKeys.encode(event.refundId().value()),
                new Document(Order.PAYMENT_ID, event.paymentId().value())
                        .append(Order.AMOUNT, event.amount().minor()));
        Document next = new Document(current);
        next.put(Order.REFUNDS, refunds);
        changes.put(insight.orders, orderId, next);
    }

    /**
     * A lost dispute is money lost: the loss ledger's realized loss, under cause {@code double-loss} for the part the
     * payment had already refunded and {@code lost-chargeback} for the rest.
     */
    void on(DisputeResolvedEvent event, String eventId, InsightChanges changes) {
        if (event.outcome() != DisputeOutcome.LOST) {
            return;
        }
        Document order = changes.order(event.orderId().value());
        long refunded = 0;
        for (Object refund : order.get(Order.REFUNDS, new Document()).values()) {
            Document payout = (Document) refund;
            if (event.paymentId().value().equals(payout.getString(Order.PAYMENT_ID))) {
                refunded += payout.get(Order.AMOUNT, Number.class).longValue();
            }
        }
        long lost = event.amount().minor();
        long twice = Math.min(lost, refunded);
        String sellerId = order.getString(InsightCollections.SELLER_ID);
        String orderId = event.orderId().value();
        if (twice > 0) {
            Money money = Money.of(twice, event.amount().currency());
            line(
                    changes,
                    eventId + ":" + DOUBLE_LOSS,
                    DOUBLE_LOSS,
                    sellerId,
                    orderId,
                    money,
                    false,
                    event.occurredAt());
        }
        if (lost > twice) {
            Money money = Money.of(lost - twice, event.amount().currency());
            line(changes, eventId, LOST_CHARGEBACK, sellerId, orderId, money, false, event.occurredAt());
        }
    }

    /** An alert with money at risk is a loss-ledger line under its rule's id. */
    void on(RiskAlertRaisedEvent event, String eventId, InsightChanges changes) {
        if (event.moneyAtRisk() != null && event.moneyAtRisk().minor() != 0) {
            line(
                    changes,
                    eventId,
                    event.ruleId(),
                    event.sellerId(),
                    event.orderId(),
                    event.moneyAtRisk(),
                    true,
                    event.occurredAt());
        }
    }

    private void line(
            InsightChanges changes,
            String id,
            String cause,
            String sellerId,
            String orderId,
            Money amount,
            boolean atRisk,
            Instant at) {
        Document line = new Document(Loss.CAUSE, cause)
                .append(Loss.SELLER_ID, sellerId)
                .append(Loss.ORDER_ID, orderId)
                .append(Loss.CURRENCY, amount.currency().getCurrencyCode())
                .append(Loss.AT_RISK, atRisk ? amount.minor() : 0L)
                .append(Loss.REALIZED, atRisk ? 0L : amount.minor())
                .append(Loss.OCCURRED_AT, Date.from(at));
        changes.put(insight.losses, id, line);
    }
}
