package io.orderinsight.projections.payment;

import static io.orderinsight.projections.payment.PaymentViewFields.AUTHORIZED;
import static io.orderinsight.projections.payment.PaymentViewFields.CAPTURED;
import static io.orderinsight.projections.payment.PaymentViewFields.DISPUTED;
import static io.orderinsight.projections.payment.PaymentViewFields.REFUNDED;
import static io.orderinsight.projections.payment.PaymentViewFields.REFUNDS_IN_FLIGHT;
import static io.orderinsight.projections.payment.PaymentViewFields.STATUS;
import static io.orderinsight.projections.payment.PaymentViewFields.VOIDED;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.DisputeOutcome;
import io.orderinsight.domain.payment.DisputeResolvedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.PaymentStatus;
import io.orderinsight.domain.payment.PaymentVoidedEvent;
import io.orderinsight.domain.payment.RefundReservationReleasedEvent;
import io.orderinsight.domain.payment.RefundReservedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.GenerationProjection;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.projections.support.VersionedDocuments;
import java.util.Date;
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

    private final VersionedDocuments payments;

    public PaymentViewProjection(MongoDatabase database) {
        this(database, Generation.of(ProjectionNames.VIEWS, Generation.FIRST));
    }

    public PaymentViewProjection(MongoDatabase database, Generation generation) {
        super(ProjectionNames.VIEWS, database, generation, COLLECTIONS);
        MongoCollection<Document> collection = collection(COLLECTION);
        this.payments = new VersionedDocuments(collection, batches);
        batches.prefetch(collection, "paymentId");
    }

    @EventHandler
    void on(PaymentAuthorizedEvent event) {
        payments.create(
                event.paymentId().value(),
                attempt(
                                event.orderId().value(),
                                event.amount().currency().getCurrencyCode(),
                                event.amount().minor(),
                                event.method().name(),
                                event.instrument(),
                                event.occurredAt())
                        .append(STATUS, PaymentStatus.AUTHORIZED.name()));
    }

    @EventHandler
    void on(PaymentDeclinedEvent event) {
        payments.create(
                event.paymentId().value(),
                attempt(
                                event.orderId().value(),
                                event.amount().currency().getCurrencyCode(),
                                event.amount().minor(),
                                event.method().name(),
                                event.instrument(),
                                event.occurredAt())
                        .append(STATUS, PaymentStatus.DECLINED.name())
                        .append(PaymentViewFields.DECLINE_REASON, event.declineReason()));
    }

    @EventHandler
    void on(PaymentCapturedEvent event, @SequenceNumber long sequence) {
        payments.apply(event.paymentId().value(), sequence, payment -> {
            long captured = event.capturedTotal().minor();
            boolean full = captured == payment.getLong(AUTHORIZED);
            return new Document(CAPTURED, captured)
                    .append(STATUS, (full ? PaymentStatus.CAPTURED : PaymentStatus.PARTIALLY_CAPTURED).name());
        });
    }

    @EventHandler
    void on(PaymentVoidedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.paymentId().value(),
                sequence,
                payment -> new Document(
                                VOIDED,
                                payment.getLong(VOIDED) + event.voidedAmount().minor())
                        .append(STATUS, PaymentStatus.VOIDED.name()));
    }

    @EventHandler
    void on(RefundReservedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.paymentId().value(),
                sequence,
                payment -> new Document(
                        REFUNDS_IN_FLIGHT,
                        payment.getLong(REFUNDS_IN_FLIGHT) + event.amount().minor()));
    }

    @EventHandler
    void on(RefundReservationReleasedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.paymentId().value(),
                sequence,
                payment -> new Document(
                        REFUNDS_IN_FLIGHT,
                        payment.getLong(REFUNDS_IN_FLIGHT) - event.amount().minor()));
    }

    @EventHandler
    void on(RefundSettledEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.paymentId().value(),
                sequence,
                payment -> new Document(
                                REFUNDS_IN_FLIGHT,
                                payment.getLong(REFUNDS_IN_FLIGHT)
                                        - event.amount().minor())
                        .append(
                                REFUNDED,
                                payment.getLong(REFUNDED) + event.amount().minor()));
    }

    @EventHandler
    void on(DisputeOpenedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.paymentId().value(),
                sequence,
                payment -> new Document(
                        DISPUTED, payment.getLong(DISPUTED) + event.amount().minor()));
    }

    @EventHandler
    void on(DisputeResolvedEvent event, @SequenceNumber long sequence) {
        payments.apply(
                event.paymentId().value(),
                sequence,
                payment -> event.outcome() == DisputeOutcome.WON
                        ? new Document(
                                DISPUTED,
                                payment.getLong(DISPUTED) - event.amount().minor())
                        : new Document(DISPUTED, payment.getLong(DISPUTED)));
    }

    private static Document attempt(
            String orderId,
            String currency,
            long amount,
            String method,
            PaymentInstrument instrument,
            java.time.Instant occurredAt) {
        return new Document(PaymentViewFields.ORDER_ID, orderId)
                .append(PaymentViewFields.CURRENCY, currency)
                .append(AUTHORIZED, amount)
                .append(CAPTURED, 0L)
                .append(VOIDED, 0L)
                .append(REFUNDED, 0L)
                .append(REFUNDS_IN_FLIGHT, 0L)
                .append(DISPUTED, 0L)
                .append(PaymentViewFields.METHOD, method)
                .append(PaymentViewFields.CARD_FINGERPRINT, instrument == null ? null : instrument.cardFingerprint())
                .append(PaymentViewFields.RECORDED_AT, Date.from(occurredAt));
    }
}
