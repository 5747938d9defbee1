package io.orderinsight.projections.refund;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.orderinsight.domain.refund.RefundApprovedEvent;
import io.orderinsight.domain.refund.RefundCompletedEvent;
import io.orderinsight.domain.refund.RefundRejectedEvent;
import io.orderinsight.domain.refund.RefundRequestedEvent;
import io.orderinsight.domain.refund.RefundStatus;
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

/** Keeps {@code refund_views}: one document per refund with its amount, status and related ids. */
@ProcessingGroup(ProjectionNames.VIEWS)
public class RefundViewProjection extends GenerationProjection {

    public static final String COLLECTION = "refund_views";

    /** The collections this projection keeps, by their first generation's names. */
    public static final List<String> COLLECTIONS = List.of(COLLECTION);

    private final VersionedDocuments refunds;

    public RefundViewProjection(MongoDatabase database) {
        this(database, Generation.of(ProjectionNames.VIEWS, Generation.FIRST));
    }

    public RefundViewProjection(MongoDatabase database, Generation generation) {
        super(ProjectionNames.VIEWS, database, generation, COLLECTIONS);
        MongoCollection<Document> collection = collection(COLLECTION);
        this.refunds = new VersionedDocuments(collection, batches);
        batches.prefetch(collection, "refundId");
    }

    @EventHandler
    void on(RefundRequestedEvent event) {
        refunds.create(
                event.refundId().value(),
                new Document(RefundViewFields.ORDER_ID, event.orderId().value())
                        .append(RefundViewFields.PAYMENT_ID, event.paymentId().value())
                        .append(RefundViewFields.CUSTOMER_ID, event.customerId().value())
                        .append(
                                RefundViewFields.CURRENCY,
                                event.amount().currency().getCurrencyCode())
                        .append(RefundViewFields.AMOUNT, event.amount().minor())
                        .append(RefundViewFields.REASON, event.reason())
                        .append(RefundViewFields.STATUS, event.status().name())
                        .append(RefundViewFields.REQUESTED_AT, Date.from(event.occurredAt())));
    }

    @EventHandler
    void on(RefundApprovedEvent event, @SequenceNumber long sequence) {
        status(event.refundId().value(), sequence, RefundStatus.APPROVED);
    }

    @EventHandler
    void on(RefundRejectedEvent event, @SequenceNumber long sequence) {
        status(event.refundId().value(), sequence, RefundStatus.REJECTED);
    }

    @EventHandler
    void on(RefundCompletedEvent event, @SequenceNumber long sequence) {
        status(event.refundId().value(), sequence, RefundStatus.COMPLETED);
    }

    private void status(String refundId, long sequence, RefundStatus status) {
        refunds.apply(refundId, sequence, refund -> new Document(RefundViewFields.STATUS, status.name()));
    }
}
