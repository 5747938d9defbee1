package io.orderinsight.projections.insight;

import io.orderinsight.domain.payment.DisputeOutcome;
import io.orderinsight.domain.payment.DisputeResolvedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import io.orderinsight.domain.shared.Money;
import java.time.Instant;

/**
 * The loss ledger ({@code loss_ledger}, each line a {@link LossEntry}): a line per money at risk (an alert's) or lost
 * (a lost dispute's), by the event that caused it, so a redelivery writes the same line again. Keeps the refunds paid
 * out per order on the order's document, to tell money lost twice from a plain lost chargeback.
 */
final class LossLedger {

    /** The cause of a lost dispute's money. */
    static final String LOST_CHARGEBACK = "lost-chargeback";

    /** The cause of money lost twice: refunded, then taken back by a lost dispute. */
    static final String DOUBLE_LOSS = "double-loss";

    /** Each payout by refund id on the order's document (a redelivery writes the same entry). */
    void on(RefundSettledEvent event, InsightChanges changes) {
        String orderId = event.orderId().value();
        changes.put(
                orderId,
                changes.order(orderId)
                        .paidOut(
                                event.refundId().value(),
                                new InsightOrder.Payout(
                                        event.paymentId().value(),
                                        event.amount().minor())));
    }

    /**
     * A lost dispute is money lost: the loss ledger's realized loss, under cause {@code double-loss} for the part the
     * payment had already refunded and {@code lost-chargeback} for the rest.
     */
    void on(DisputeResolvedEvent event, String eventId, InsightChanges changes) {
        if (event.outcome() != DisputeOutcome.LOST) {
            return;
        }
        InsightOrder order = changes.order(event.orderId().value());
        long lost = event.amount().minor();
        long twice = Math.min(lost, order.refundedOn(event.paymentId().value()));
        String sellerId = order.sellerId();
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
        changes.loss(id, LossEntry.of(cause, sellerId, orderId, amount, atRisk, at));
    }
}
