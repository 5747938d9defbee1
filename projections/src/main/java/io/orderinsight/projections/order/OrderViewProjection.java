package io.orderinsight.projections.order;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderDeliveredEvent;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.order.OrderStatus;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.projections.support.VersionedDocuments;
import java.util.Date;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;

/** Keeps {@code order_views}: one document per order, with its status, total and lifecycle times. */
@ProcessingGroup(ProjectionNames.ORDER_VIEWS)
public class OrderViewProjection {

    public static final String COLLECTION = "order_views";

    private final VersionedDocuments orders;

    public OrderViewProjection(MongoDatabase database) {
        this.orders = new VersionedDocuments(database.getCollection(COLLECTION));
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        orders.create(
                event.orderId().value(),
                new Document(OrderViewFields.CUSTOMER_ID, event.customerId().value())
                        .append(OrderViewFields.SELLER_ID, event.sellerId().value())
                        .append(OrderViewFields.CHANNEL, event.channel().name())
                        .append(OrderViewFields.SHIPPING_COUNTRY, event.shippingCountry())
                        .append(
                                OrderViewFields.CURRENCY,
                                event.total().currency().getCurrencyCode())
                        .append(OrderViewFields.TOTAL, event.total().minor())
                        .append(OrderViewFields.ITEMS, event.items().size())
                        .append(OrderViewFields.STATUS, OrderStatus.PLACED.name())
                        .append(OrderViewFields.PLACED_AT, Date.from(event.occurredAt())));
    }

    @EventHandler
    void on(OrderCancelledEvent event, @SequenceNumber long sequence) {
        orders.apply(
                event.orderId().value(),
                sequence,
                order -> Updates.combine(
                        Updates.set(OrderViewFields.STATUS, OrderStatus.CANCELLED.name()),
                        Updates.set(OrderViewFields.CANCELLED_AT, Date.from(event.occurredAt()))));
    }

    @EventHandler
    void on(OrderShippedEvent event, @SequenceNumber long sequence) {
        orders.apply(
                event.orderId().value(),
                sequence,
                order -> Updates.combine(
                        Updates.set(OrderViewFields.STATUS, OrderStatus.SHIPPED.name()),
                        Updates.set(OrderViewFields.SHIPPED_AT, Date.from(event.occurredAt()))));
    }

    @EventHandler
    void on(OrderDeliveredEvent event, @SequenceNumber long sequence) {
        orders.apply(
                event.orderId().value(),
                sequence,
                order -> Updates.combine(
                        Updates.set(OrderViewFields.STATUS, OrderStatus.DELIVERED.name()),
                        Updates.set(OrderViewFields.DELIVERED_AT, Date.from(event.occurredAt()))));
    }
}
