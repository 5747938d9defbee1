package io.orderinsight.command.order;

import static io.orderinsight.domain.shared.CommandRejectedException.invalid;
import static io.orderinsight.domain.shared.CommandRejectedException.invalidState;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderinsight.command.privacy.PersonalDataVault;
import io.orderinsight.command.support.AggregateSettings;
import io.orderinsight.domain.order.CancelOrderCommand;
import io.orderinsight.domain.order.DeliverOrderCommand;
import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderDeliveredEvent;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.order.OrderStatus;
import io.orderinsight.domain.order.PlaceOrderCommand;
import io.orderinsight.domain.order.ShipOrderCommand;
import io.orderinsight.domain.risk.CancelUnpaidOrderCommand;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.RejectionCode;
import java.util.Currency;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An order: placing and cancelling are decisions this system may refuse; shipment and delivery are facts and are
 * recorded even when they are bad news (shipped before payment, shipped after a cancellation).
 */
@Aggregate(snapshotTriggerDefinition = AggregateSettings.SNAPSHOT_TRIGGER, cache = AggregateSettings.ORDER_CACHE)
public class Order {

    @AggregateIdentifier
    private OrderId orderId;

    private CustomerId customerId;
    private Money total;
    private OrderStatus status;

    protected Order() {}

    @CommandHandler
    public Order(PlaceOrderCommand command, PersonalDataVault vault, OrderBlockPolicy blocks) {
        if (command.items() == null || command.items().isEmpty()) {
            throw invalid("items", "an order needs at least one item");
        }
        Money total = Money.zero(command.currency());
        for (OrderLine line : command.items()) {
            if (line.quantity() <= 0) {
                throw invalid("items", "quantity of " + line.sku() + " must be positive, was " + line.quantity());
            }
            if (line.unitPrice() < 0) {
                throw invalid("items", "unit price of " + line.sku() + " must not be negative");
            }
            try {
                total = total.plus(
                        Money.of(line.unitPrice(), command.currency()).times(line.quantity()));
            } catch (ArithmeticException e) {
                throw invalid("items", "order total overflows: " + e.getMessage());
            }
        }
        if (blocks.ordersBlocked(command.customerId())) {
            throw new CommandRejectedException(
                    RejectionCode.CUSTOMER_BLOCKED,
                    "customer " + command.customerId() + " is blocked from placing orders by a fraud alert");
        }
        String sealed = command.personalData() == null || command.personalData().isEmpty()
                ? null
                : vault.seal(command.customerId(), command.personalData());
        apply(new OrderPlacedEvent(
                command.orderId(),
                command.customerId(),
                command.sellerId(),
                command.channel(),
                command.shippingCountry(),
                command.items(),
                total,
                sealed,
                command.occurredAt()));
    }

    @CommandHandler
    public void handle(CancelOrderCommand command) {
        if (status != OrderStatus.PLACED) {
            throw invalidState("order " + orderId + " cannot be cancelled: it is " + status);
        }
        apply(new OrderCancelledEvent(orderId, command.reason(), command.occurredAt()));
    }

    /** The unpaid-order rule's cancellation: only an order still just placed is cancelled; otherwise nothing. */
    @CommandHandler
    public void handle(CancelUnpaidOrderCommand command) {
        if (status == OrderStatus.PLACED) {
            apply(new OrderCancelledEvent(
                    orderId, command.reason() + " (alert " + command.alertId() + ")", command.occurredAt()));
        }
    }

    @CommandHandler
    public void handle(ShipOrderCommand command) {
        if (status == OrderStatus.SHIPPED || status == OrderStatus.DELIVERED) {
            throw invalidState("order " + orderId + " was already shipped: it is " + status);
        }
        apply(new OrderShippedEvent(orderId, command.carrier(), command.trackingNumber(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(DeliverOrderCommand command) {
        if (status != OrderStatus.SHIPPED) {
            throw invalidState("order " + orderId + " cannot be delivered: it is " + status + ", not SHIPPED");
        }
        apply(new OrderDeliveredEvent(orderId, command.occurredAt()));
    }

    public Currency currency() {
        return total.currency();
    }

    public CustomerId customerId() {
        return customerId;
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        customerId = event.customerId();
        total = event.total();
        status = OrderStatus.PLACED;
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        status = OrderStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(OrderShippedEvent event) {
        status = OrderStatus.SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderDeliveredEvent event) {
        status = OrderStatus.DELIVERED;
    }
}
