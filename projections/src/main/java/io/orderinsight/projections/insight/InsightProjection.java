package io.orderinsight.projections.insight;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderDeliveredEvent;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.DisputeResolvedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import io.orderinsight.projections.risk.RiskCollections;
import io.orderinsight.projections.support.CounterShards;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.GenerationProjection;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.projections.support.StreamPosition;
import io.orderinsight.projections.support.WriteBatch;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;

/**
 * The insight counters ({@link InsightCollections}) and the loss ledger: one processing group, kept by concern — the
 * order each later event is placed by ({@link InsightOrders}), sales ({@link SalesCounters}), the funnel ({@link
 * FunnelCounters}), seller months ({@link SellerMonths}), customer profiles ({@link CustomerProfiles}) and losses
 * ({@link LossLedger}). Its handlers say which concerns each event feeds; the concerns share the per-order documents,
 * and an event's changes by all of them ({@link InsightChanges}) are handed to the batch together. One unit of
 * rebuild, drift check and as-of overview. Counter changes are increments applied exactly once per document by the
 * position of their shard of the stream ({@link WriteBatch}, {@link CounterShards}): its processor may run up to
 * {@link CounterShards#COUNT} segments, on any number of nodes, all writing the same counter documents.
 */
@ProcessingGroup(ProjectionNames.INSIGHT)
public class InsightProjection extends GenerationProjection {

    /** The collections this projection keeps, by their first generation's names. */
    public static final List<String> COLLECTIONS = List.of(
            InsightCollections.SALES_TOTALS,
            InsightCollections.SALES_GROUPS,
            InsightCollections.SELLER_MONTHS,
            InsightCollections.CUSTOMER_PROFILES,
            InsightCollections.ORDERS,
            RiskCollections.LOSS_LEDGER);

    final MongoCollection<Document> totals;
    final MongoCollection<Document> groups;
    final MongoCollection<Document> sellers;
    final MongoCollection<Document> customers;
    final MongoCollection<Document> orders;
    final MongoCollection<Document> losses;

    private final InsightOrders placed = new InsightOrders();
    /** The period documents sales and the funnel count into, one cache of their ids for both. */
    private final Periods periods = new Periods(this);

    private final SalesCounters sales = new SalesCounters(this, periods);
    private final FunnelCounters funnel = new FunnelCounters(this, periods);
    private final SellerMonths sellerMonths = new SellerMonths(this);
    private final CustomerProfiles customerProfiles = new CustomerProfiles(this);
    private final LossLedger lossLedger = new LossLedger();

    public InsightProjection(MongoDatabase database) {
        this(database, Generation.of(ProjectionNames.INSIGHT, Generation.FIRST));
    }

    public InsightProjection(MongoDatabase database, Generation generation) {
        super(ProjectionNames.INSIGHT, database, generation, COLLECTIONS);
        this.totals = collection(InsightCollections.SALES_TOTALS);
        this.groups = collection(InsightCollections.SALES_GROUPS);
        this.sellers = collection(InsightCollections.SELLER_MONTHS);
        this.customers = collection(InsightCollections.CUSTOMER_PROFILES);
        this.orders = collection(InsightCollections.ORDERS);
        this.losses = collection(RiskCollections.LOSS_LEDGER);
        batches.prefetch(orders, "orderId");
        for (MongoCollection<Document> written : List.of(totals, groups, sellers, customers, orders)) {
            WriteBatch.indexRevisions(written);
        }
        // for the queries' windows and sellers on a real MongoDB (the embedded server scans, and says so in its log)
        for (MongoCollection<Document> hours : List.of(totals, groups)) {
            hours.createIndex(Indexes.ascending(InsightCollections.HOUR, InsightCollections.CURRENCY));
        }
        sellers.createIndex(Indexes.ascending(InsightCollections.SELLER_ID));
    }

    @EventHandler
    void on(
            OrderPlacedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        apply(message, token, index, changes -> {
            placed.on(event, changes);
            sales.on(event, changes);
            sellerMonths.on(event, changes);
            customerProfiles.on(event, changes);
        });
    }

    @EventHandler
    void on(
            OrderCancelledEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        apply(message, token, index, changes -> sales.on(event, changes));
    }

    @EventHandler
    void on(
            OrderShippedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        apply(message, token, index, changes -> funnel.on(event, changes));
    }

    @EventHandler
    void on(
            OrderDeliveredEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        apply(message, token, index, changes -> funnel.on(event, changes));
    }

    @EventHandler
    void on(
            PaymentAuthorizedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        apply(message, token, index, changes -> {
            sales.on(event, changes);
            funnel.on(event, changes);
            customerProfiles.on(event, changes);
        });
    }

    @EventHandler
    void on(
            PaymentDeclinedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        apply(message, token, index, changes -> {
            sales.on(event, changes);
            customerProfiles.on(event, changes);
        });
    }

    @EventHandler
    void on(
            PaymentCapturedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        apply(message, token, index, changes -> {
            sales.on(event, changes);
            funnel.on(event, changes);
            sellerMonths.on(event, changes);
        });
    }

    @EventHandler
    void on(
            RefundSettledEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        apply(message, token, index, changes -> {
            sales.on(event, changes);
            sellerMonths.on(event, changes);
            customerProfiles.on(event, changes);
            lossLedger.on(event, changes);
        });
    }

    @EventHandler
    void on(
            DisputeOpenedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        apply(message, token, index, changes -> {
            sellerMonths.on(event, changes);
            customerProfiles.on(event, changes);
        });
    }

    @EventHandler
    void on(
            DisputeResolvedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        apply(message, token, index, changes -> lossLedger.on(event, message.getIdentifier(), changes));
    }

    @EventHandler
    void on(
            RiskAlertRaisedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        apply(message, token, index, changes -> lossLedger.on(event, message.getIdentifier(), changes));
    }

    @EventHandler
    void on(
            AlertResolvedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        apply(message, token, index, changes -> sellerMonths.on(event, changes));
    }

    /** A replay starts from nothing. */
    @ResetHandler
    void reset() {
        for (MongoCollection<Document> collection : List.of(totals, groups, sellers, customers, orders, losses)) {
            collection.deleteMany(new Document());
        }
    }

    /** The event's changes by the concerns it feeds, handed to the batch once all of them are done. */
    private void apply(EventMessage<?> message, TrackingToken token, Number index, Consumer<InsightChanges> concerns) {
        InsightChanges changes = new InsightChanges(this);
        concerns.accept(changes);
        batches.write(batch -> changes.into(batch, message, StreamPosition.of(token, index)));
    }

    /** The document of an order as the batch sees it; null before its placement was seen. */
    Document orderIfPlaced(String orderId) {
        return batches.read(batch -> batch.find(orders, orderId));
    }
}
