package io.orderinsight.benchmarks;

import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderDeliveredEvent;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.order.OrderStatus;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.DisputeOutcome;
import io.orderinsight.domain.payment.DisputeResolvedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.RefundReservationReleasedEvent;
import io.orderinsight.domain.payment.RefundReservedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.refund.RefundRequestedEvent;
import io.orderinsight.domain.shared.OrderId;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventHandler;

/**
 * The order views as the Axon samples project them: each event loads its order's document through the repository,
 * changes it and saves it. No batching, no redelivery guard: the peer a team would write first.
 */
class PlainOrderViewProjection {

    private final PlainOrderViews views;

    PlainOrderViewProjection(PlainOrderViews views) {
        this.views = views;
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        PlainOrderView view = new PlainOrderView();
        view.id = event.orderId().value();
        view.customerId = event.customerId().value();
        view.sellerId = event.sellerId().value();
        view.channel = event.channel().name();
        view.shippingCountry = event.shippingCountry();
        view.currency = event.total().currency().getCurrencyCode();
        view.total = event.total().minor();
        view.items = event.items().size();
        view.status = OrderStatus.PLACED.name();
        view.sealedPersonalData = event.sealedPersonalData();
        view.placedAt = event.occurredAt();
        views.save(view);
    }

    @EventHandler
    void on(OrderCancelledEvent event) {
        change(event.orderId(), view -> {
            view.status = OrderStatus.CANCELLED.name();
            view.cancelledAt = event.occurredAt();
        });
    }

    @EventHandler
    void on(OrderShippedEvent event) {
        change(event.orderId(), view -> {
            view.status = OrderStatus.SHIPPED.name();
            view.shippedAt = event.occurredAt();
        });
    }

    @EventHandler
    void on(OrderDeliveredEvent event) {
        change(event.orderId(), view -> {
            view.status = OrderStatus.DELIVERED.name();
            view.deliveredAt = event.occurredAt();
        });
    }

    @EventHandler
    void on(PaymentAuthorizedEvent event) {
        change(event.orderId(), view -> {
            PlainOrderView.Payment payment = view.payment(event.paymentId().value());
            payment.authorized = event.amount().minor();
            payment.status = "AUTHORIZED";
        });
    }

    @EventHandler
    void on(PaymentDeclinedEvent event) {
        change(event.orderId(), view -> {
            PlainOrderView.Payment payment = view.payment(event.paymentId().value());
            payment.authorized = 0;
            payment.status = "DECLINED";
        });
    }

    @EventHandler
    void on(PaymentCapturedEvent event) {
        change(event.orderId(), view -> {
            PlainOrderView.Payment payment = view.payment(event.paymentId().value());
            payment.captured = event.capturedTotal().minor();
        });
    }

    @EventHandler
    void on(RefundReservedEvent event) {
        change(
                event.orderId(),
                view -> view.payment(event.paymentId().value()).refundsInFlight +=
                        event.amount().minor());
    }

    @EventHandler
    void on(RefundReservationReleasedEvent event) {
        change(
                event.orderId(),
                view -> view.payment(event.paymentId().value()).refundsInFlight -=
                        event.amount().minor());
    }

    @EventHandler
    void on(RefundSettledEvent event) {
        change(event.orderId(), view -> {
            PlainOrderView.Payment payment = view.payment(event.paymentId().value());
            long amount = event.amount().minor();
            payment.refundsInFlight -= amount;
            payment.refunded += amount;
        });
    }

    @EventHandler
    void on(DisputeOpenedEvent event) {
        change(
                event.orderId(),
                view -> view.payment(event.paymentId().value()).disputed +=
                        event.amount().minor());
    }

    @EventHandler
    void on(DisputeResolvedEvent event) {
        if (event.outcome() == DisputeOutcome.WON) {
            change(
                    event.orderId(),
                    view -> view.payment(event.paymentId().value()).disputed -=
                            event.amount().minor());
        }
    }

    @EventHandler
    void on(RefundRequestedEvent event) {
        change(event.orderId(), view -> {
            if (!view.refundIds.contains(event.refundId().value())) {
                view.refundIds.add(event.refundId().value());
            }
        });
    }

    private void change(OrderId orderId, Consumer<PlainOrderView> change) {
        PlainOrderView view = views.findById(orderId.value())
                .orElseThrow(() -> new IllegalStateException("no order view for " + orderId.value()));
        change.accept(view);
        views.save(view);
    }
}
