package io.orderinsight.projections.insight;

import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.projections.support.CounterChanges;

/**
 * Customer profiles ({@code customer_profiles}, {@link CustomerProfile}): per customer, orders, refunds, declines, disputes
 * and the distinct card fingerprints used.
 */
final class CustomerProfiles {

    private final InsightProjection insight;

    CustomerProfiles(InsightProjection insight) {
        this.insight = insight;
    }

    void on(OrderPlacedEvent event, InsightChanges changes) {
        counted(event.customerId().value(), CustomerProfile.ORDERS, null, changes);
    }

    void on(PaymentAuthorizedEvent event, InsightChanges changes) {
        counted(customerOf(event.orderId().value(), changes), null, event.instrument(), changes);
    }

    void on(PaymentDeclinedEvent event, InsightChanges changes) {
        counted(customerOf(event.orderId().value(), changes), CustomerProfile.DECLINES, event.instrument(), changes);
    }

    void on(RefundSettledEvent event, InsightChanges changes) {
        counted(customerOf(event.orderId().value(), changes), CustomerProfile.REFUNDS, null, changes);
    }

    void on(DisputeOpenedEvent event, InsightChanges changes) {
        counted(customerOf(event.orderId().value(), changes), CustomerProfile.DISPUTES, null, changes);
    }

    /** One more of {@code field} (when named) and the card used (when the instrument names one). */
    private void counted(String customerId, String field, PaymentInstrument instrument, InsightChanges changes) {
        CounterChanges writes = changes.counters;
        if (field != null) {
            writes.increment(insight.customers, customerId, field, 1);
        }
        if (instrument != null && instrument.cardFingerprint() != null) {
            writes.addToSet(insight.customers, customerId, CustomerProfile.CARDS, instrument.cardFingerprint());
        }
    }

    private static String customerOf(String orderId, InsightChanges changes) {
        return changes.order(orderId).customerId();
    }
}
