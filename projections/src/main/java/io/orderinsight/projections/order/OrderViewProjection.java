package io.orderinsight.projections.order;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
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
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.GenerationProjection;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.projections.support.VersionedDocuments;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;

/**
 * Keeps {@code order_views}: one document per order with its status, total and lifecycle times, and the money of each
 * of its payments kept apart (so that one event is one write and a redelivered payment event changes nothing). The
 * order's totals are the sums of its payments' entries.
 */
@ProcessingGroup(ProjectionNames.VIEWS)
public class OrderViewProjection extends GenerationProjection {

    public static final String COLLECTION = "order_views";

    /** The collections this projection keeps, by their first generation's names. */
    public static final List<String> COLLECTIONS = List.of(COLLECTION);

    private final VersionedDocuments orders;
    private final VersionedDocuments.Entries<PaymentEntry> payments;

    public OrderViewProjection(MongoDatabase database) {
        this(database, Generation.of(ProjectionNames.VIEWS, Generation.FIRST));
    }

    public OrderViewProjection(MongoDatabase database, Generation generation) {
        super(ProjectionNames.VIEWS, database, generation, COLLECTIONS);
        MongoCollection<Document> collection = collection(COLLECTION);
        this.orders = new VersionedDocuments(collection, batches);
        this.payments = orders.entries(OrderViewFields.PAYMENTS, PaymentEntry::of, PaymentEntry::toDocument);
        batches.prefetch(collection, "orderId");
        // for the order lists' filters on a real MongoDB (the embedded server scans, and says so in its log)
        collection.createIndex(Indexes.compoundIndex(
                Indexes.ascending(OrderViewFields.CUSTOMER_ID), Indexes.descending(OrderViewFields.PLACED_AT)));
        collection.createIndex(Indexes.compoundIndex(
                Indexes.ascending(OrderViewFields.SELLER_ID), Indexes.descending(OrderViewFields.PLACED_AT)));
        collection.createIndex(Indexes.descending(OrderViewFields.PLACED_AT));
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        Document order =
                new Document(OrderViewFields.CUSTOMER_ID, event.customerId().value());
        if (event.sealedPersonalData() != null) {
            order.append(OrderViewFields.SEALED_PERSONAL_DATA, event.sealedPersonalData());
        }
        orders.create(
                event.orderId().value(),
                order.append(OrderViewFields.SELLER_ID, event.sellerId().value())
                        .append(OrderViewFields.CHANNEL, event.channel().name())
                        .append(OrderViewFields.SHIPPING_COUNTRY, event.shippingCountry())
                        .append(
                                OrderViewFields.CURRENCY,
                                event.total().currency().getCurrencyCode())
                        .append(OrderViewFields.TOTAL, event.total().minor())
                        .append(OrderViewFields.ITEMS, event.items().size())
                        .append(OrderViewFields.STATUS, OrderStatus.PLACED.name())
                        .append(OrderViewFields.PLACED_AT, Date.from(event.occurredAt()))
                        .append(OrderViewFields.PAYMENTS, new Document())
                        .append(OrderViewFields.REFUND_IDS, List.of()));
    }

    @EventHandler
    void on(OrderCancelledEvent event, @SequenceNumber long sequence) {
        lifecycle(
                event.orderId().value(),
                sequence,
                OrderStatus.CANCELLED,
                OrderViewFields.CANCELLED_AT,
                event.occurredAt());
    }

    @EventHandler
    void on(OrderShippedEvent event, @SequenceNumber long sequence) {
        lifecycle(
                event.orderId().value(), sequence, OrderStatus.SHIPPED, OrderViewFields.SHIPPED_AT, event.occurredAt());
    }

    @EventHandler
    void on(OrderDeliveredEvent event, @SequenceNumber long sequence) {
        lifecycle(
                event.orderId().value(),
                sequence,
                OrderStatus.DELIVERED,
                OrderViewFields.DELIVERED_AT,
                event.occurredAt());
    }

    @EventHandler
    void on(PaymentAuthorizedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.orderId().value(),
                event.paymentId().value(),
                sequence,
                payment -> payment.withAuthorized(event.amount().minor()));
    }

    @EventHandler
    void on(PaymentDeclinedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.orderId().value(), event.paymentId().value(), sequence, payment -> payment.withAuthorized(0));
    }

    @EventHandler
    void on(PaymentCapturedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.orderId().value(),
                event.paymentId().value(),
                sequence,
                payment -> payment.withCaptured(event.capturedTotal().minor()));
    }

    @EventHandler
    void on(RefundReservedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.orderId().value(),
                event.paymentId().value(),
                sequence,
                payment -> payment.refundInFlight(event.amount().minor()));
    }

    @EventHandler
    void on(RefundReservationReleasedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.orderId().value(),
                event.paymentId().value(),
                sequence,
                payment -> payment.refundInFlight(-event.amount().minor()));
    }

    @EventHandler
    void on(RefundSettledEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.orderId().value(),
                event.paymentId().value(),
                sequence,
                payment -> payment.refundSettled(event.amount().minor()));
    }

    @EventHandler
    void on(DisputeOpenedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.orderId().value(),
                event.paymentId().value(),
                sequence,
                payment -> payment.disputed(event.amount().minor()));
    }

    @EventHandler
    void on(DisputeResolvedEvent event, @SequenceNumber long sequence) {
        long givenBack = event.outcome() == DisputeOutcome.WON ? event.amount().minor() : 0;
        payments.apply(
                event.orderId().value(), event.paymentId().value(), sequence, payment -> payment.disputed(-givenBack));
    }

    @EventHandler
    void on(RefundRequestedEvent event) {
        orders.addToSet(
                event.orderId().value(),
                OrderViewFields.REFUND_IDS,
                event.refundId().value());
    }

    private void lifecycle(String orderId, long sequence, OrderStatus status, String timeField, Instant at) {
        orders.apply(
                orderId,
                sequence,
                order -> new Document(OrderViewFields.STATUS, status.name()).append(timeField, Date.from(at)));
    }
}
