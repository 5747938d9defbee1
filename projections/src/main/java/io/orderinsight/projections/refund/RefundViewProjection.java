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
import io.orderinsight.projections.support.VersionedRecords;
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

    private final VersionedRecords<RefundViewDocument> refunds;

    public RefundViewProjection(MongoDatabase database) {
        this(database, Generation.of(ProjectionNames.VIEWS, Generation.FIRST));
    }

    public RefundViewProjection(MongoDatabase database, Generation generation) {
        super(ProjectionNames.VIEWS, database, generation, COLLECTIONS);
        MongoCollection<Document> collection = collection(COLLECTION);
        this.refunds = new VersionedRecords<>(
                new VersionedDocuments(collection, batches), RefundViewDocument::of, RefundViewDocument::toDocument);
        batches.prefetch(collection, "refundId");
    }

    @EventHandler
    void on(RefundRequestedEvent event) {
        refunds.create(
                event.refundId().value(),
                new RefundViewDocument(
                        event.orderId().value(),
                        event.paymentId().value(),
                        event.customerId().value(),
                        event.amount().currency().getCurrencyCode(),
                        event.amount().minor(),
                        event.reason(),
                        event.status(),
                        event.occurredAt()));
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
        refunds.apply(refundId, sequence, refund -> refund.withStatus(status));
    }
}
