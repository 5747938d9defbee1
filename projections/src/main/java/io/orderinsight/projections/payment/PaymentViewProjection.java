package io.orderinsight.projections.payment;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.DisputeOutcome;
import io.orderinsight.domain.payment.DisputeResolvedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentStatus;
import io.orderinsight.domain.payment.PaymentVoidedEvent;
import io.orderinsight.domain.payment.RefundReservationReleasedEvent;
import io.orderinsight.domain.payment.RefundReservedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
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
 * Keeps {@code payment_views}: one document per payment with its money — authorized, captured, voided, refunded,
 * refunds in flight and open or lost disputes — so that order views can sum their payments.
 */
@ProcessingGroup(ProjectionNames.VIEWS)
public class PaymentViewProjection extends GenerationProjection {

    public static final String COLLECTION = "payment_views";

    /** The collections this projection keeps, by their first generation's names. */
    public static final List<String> COLLECTIONS = List.of(COLLECTION);

    private final VersionedRecords<PaymentViewDocument> payments;

    public PaymentViewProjection(MongoDatabase database) {
        this(database, Generation.of(ProjectionNames.VIEWS, Generation.FIRST));
    }

    public PaymentViewProjection(MongoDatabase database, Generation generation) {
        super(ProjectionNames.VIEWS, database, generation, COLLECTIONS);
        MongoCollection<Document> collection = collection(COLLECTION);
        this.payments = new VersionedRecords<>(
                new VersionedDocuments(collection, batches), PaymentViewDocument::of, PaymentViewDocument::toDocument);
        batches.prefetch(collection, "paymentId");
    }

    @EventHandler
    void on(PaymentAuthorizedEvent event) {
        payments.create(
                event.paymentId().value(),
                PaymentViewDocument.attempt(
                        event.orderId().value(),
                        PaymentStatus.AUTHORIZED,
                        event.method().name(),
                        event.amount().currency().getCurrencyCode(),
                        event.amount().minor(),
                        null));
    }

    @EventHandler
    void on(PaymentDeclinedEvent event) {
        payments.create(
                event.paymentId().value(),
                PaymentViewDocument.attempt(
                        event.orderId().value(),
                        PaymentStatus.DECLINED,
                        event.method().name(),
                        event.amount().currency().getCurrencyCode(),
                        event.amount().minor(),
                        event.declineReason()));
    }

    @EventHandler
    void on(PaymentCapturedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.paymentId().value(),
                sequence,
                payment -> payment.capturedTotal(event.capturedTotal().minor()));
    }

    @EventHandler
    void on(PaymentVoidedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.paymentId().value(),
                sequence,
                payment -> payment.voided(event.voidedAmount().minor()));
    }

    @EventHandler
    void on(RefundReservedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.paymentId().value(),
                sequence,
                payment -> payment.refundInFlight(event.amount().minor()));
    }

    @EventHandler
    void on(RefundReservationReleasedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.paymentId().value(),
                sequence,
                payment -> payment.refundInFlight(-event.amount().minor()));
    }

    @EventHandler
    void on(RefundSettledEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.paymentId().value(),
                sequence,
                payment -> payment.refundSettled(event.amount().minor()));
    }

    @EventHandler
    void on(DisputeOpenedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.paymentId().value(),
                sequence,
                payment -> payment.disputed(event.amount().minor()));
    }

    @EventHandler
    void on(DisputeResolvedEvent event, @SequenceNumber long sequence) {
        long givenBack = event.outcome() == DisputeOutcome.WON ? event.amount().minor() : 0;
        payments.apply(event.paymentId().value(), sequence, payment -> payment.disputed(-givenBack));
    }
}
