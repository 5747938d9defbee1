package io.orderinsight.projections.order;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderDeliveredEvent;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
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
import io.orderinsight.projections.support.VersionedRecords;
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

    private final VersionedDocuments documents;
    private final VersionedRecords<OrderViewDocument> orders;
    private final VersionedDocuments.Entries<PaymentEntry> payments;

    public OrderViewProjection(MongoDatabase database) {
        this(database, Generation.of(ProjectionNames.VIEWS, Generation.FIRST));
    }

    public OrderViewProjection(MongoDatabase database, Generation generation) {
        super(ProjectionNames.VIEWS, database, generation, COLLECTIONS);
        MongoCollection<Document> collection = collection(COLLECTION);
        this.documents = new VersionedDocuments(collection, batches);
        this.orders = new VersionedRecords<>(documents, OrderViewDocument::of, OrderViewDocument::toDocument);
        this.payments = documents.entries(OrderViewDocument.PAYMENTS, PaymentEntry::of, PaymentEntry::toDocument);
        batches.prefetch(collection, "orderId");
        // for the order lists' filters on a real MongoDB (the embedded server scans, and says so in its log)
        collection.createIndex(Indexes.compoundIndex(
                Indexes.ascending(OrderViewDocument.CUSTOMER_ID), Indexes.descending(OrderViewDocument.PLACED_AT)));
        collection.createIndex(Indexes.compoundIndex(
                Indexes.ascending(OrderViewDocument.SELLER_ID), Indexes.descending(OrderViewDocument.PLACED_AT)));
        collection.createIndex(Indexes.descending(OrderViewDocument.PLACED_AT));
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        orders.create(
                event.orderId().value(),
                OrderViewDocument.placed(
                        event.customerId().value(),
                        event.sellerId().value(),
                        event.channel().name(),
                        event.shippingCountry(),
                        event.total().currency().getCurrencyCode(),
                        event.total().minor(),
                        event.items().size(),
                        event.occurredAt(),
                        event.sealedPersonalData()));
    }

    @EventHandler
    void on(OrderCancelledEvent event, @SequenceNumber long sequence) {
        orders.apply(event.orderId().value(), sequence, order -> order.cancelled(event.occurredAt()));
    }

    @EventHandler
    void on(OrderShippedEvent event, @SequenceNumber long sequence) {
        orders.apply(event.orderId().value(), sequence, order -> order.shipped(event.occurredAt()));
    }

    @EventHandler
    void on(OrderDeliveredEvent event, @SequenceNumber long sequence) {
        orders.apply(event.orderId().value(), sequence, order -> order.delivered(event.occurredAt()));
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
        documents.addToSet(
                event.orderId().value(),
                OrderViewDocument.REFUND_IDS,
                event.refundId().value());
    }
}
