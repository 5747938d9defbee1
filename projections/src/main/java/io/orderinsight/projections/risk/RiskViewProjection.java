package io.orderinsight.projections.risk;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.CustomerRestrictedEvent;
import io.orderinsight.domain.risk.CustomerRestrictionLiftedEvent;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import io.orderinsight.domain.risk.RuleVersionRecordedEvent;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.GenerationProjection;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.projections.support.VersionedDocuments;
import io.orderinsight.projections.support.VersionedRecords;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;

/**
 * Keeps the risk team's views: {@code alert_views} (one per alert, with its evidence and verdict), {@code risk_rules}
 * (each rule's newest version) and {@code customer_restrictions}. Each document follows one aggregate (Alert,
 * RiskRule, CustomerRisk), versioned by its sequence like every view, so the processor sequences by aggregate.
 */
@ProcessingGroup(ProjectionNames.VIEWS)
public class RiskViewProjection extends GenerationProjection {

    /** The collections this projection keeps, by their first generation's names. */
    public static final List<String> COLLECTIONS = List.of(
            RiskCollections.ALERTS, RiskCollections.RULES, RiskCollections.RESTRICTIONS, RiskCollections.ORDER_ALERTS);

    private final MongoCollection<Document> alertViews;
    private final VersionedRecords<AlertView> alerts;
    private final VersionedRecords<RuleView> rules;
    private final VersionedRecords<CustomerRestrictions> restrictions;
    private final VersionedDocuments orderAlerts;
    private final VersionedDocuments.Entries<OrderAlert> alertEntries;

    public RiskViewProjection(MongoDatabase database) {
        this(database, Generation.of(ProjectionNames.VIEWS, Generation.FIRST));
    }

    public RiskViewProjection(MongoDatabase database, Generation generation) {
        super(ProjectionNames.VIEWS, database, generation, COLLECTIONS);
        this.alertViews = collection(RiskCollections.ALERTS);
        this.alerts = new VersionedRecords<>(
                new VersionedDocuments(alertViews, batches), AlertView::of, AlertView::toDocument);
        this.rules = new VersionedRecords<>(
                new VersionedDocuments(collection(RiskCollections.RULES), batches), RuleView::of, RuleView::toDocument);
        this.restrictions = new VersionedRecords<>(
                new VersionedDocuments(collection(RiskCollections.RESTRICTIONS), batches),
                CustomerRestrictions::of,
                CustomerRestrictions::toDocument);
        this.orderAlerts = new VersionedDocuments(collection(RiskCollections.ORDER_ALERTS), batches);
        this.alertEntries =
                orderAlerts.entries(RiskCollections.OrderAlerts.ALERTS, OrderAlert::of, OrderAlert::toDocument);
        // the alert list's filters and order on a real MongoDB
        collection(RiskCollections.ALERTS)
                .createIndex(Indexes.compoundIndex(
                        Indexes.ascending(AlertView.STATUS), Indexes.descending(AlertView.RAISED_AT)));
        collection(RiskCollections.ALERTS).createIndex(Indexes.ascending(AlertView.CUSTOMER_ID));
    }

    @EventHandler
    void on(RiskAlertRaisedEvent event, @SequenceNumber long sequence) {
        alerts.create(event.alertId().value(), AlertView.raised(event));
        if (event.orderId() != null) {
            orderAlert(event.orderId(), event.alertId().value(), sequence, event.ruleId(), AlertStatus.OPEN);
        }
    }

    @EventHandler
    void on(AlertResolvedEvent event, @SequenceNumber long sequence) {
        String alertId = event.alertId().value();
        // the alert as raised names its order, whatever the revision of this event
        String orderId = event.orderId() != null
                ? event.orderId()
                : batches.read(batch -> {
                    Document raised = batch.find(alertViews, alertId);
                    return raised == null ? null : AlertView.of(raised).orderId();
                });
        alerts.apply(alertId, sequence, alert -> alert.resolved(event));
        if (orderId != null) {
            orderAlert(orderId, alertId, sequence, event.ruleId(), event.outcome());
        }
    }

    /**
     * The alert's entry in its order's document, versioned by the alert's events. The alerts of one order may be
     * handled by different segments (the views follow each alert): the document's revision guards each write, and a
     * batch that meets another's write is delivered again.
     */
    private void orderAlert(String orderId, String alertId, long sequence, String ruleId, AlertStatus status) {
        orderAlerts.create(orderId, new Document(RiskCollections.OrderAlerts.ALERTS, new Document()));
        alertEntries.apply(orderId, alertId, sequence, entry -> new OrderAlert(ruleId, status));
    }

    @EventHandler
    void on(RuleVersionRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        RuleView rule = RuleView.recorded(event, recordedAt);
        if (sequence == 0) {
            rules.create(event.ruleId(), rule);
        } else {
            rules.apply(event.ruleId(), sequence, current -> rule);
        }
    }

    @EventHandler
    void on(CustomerRestrictedEvent event, @SequenceNumber long sequence) {
        String customerId = event.customerId().value();
        String alertId = event.alertId().value();
        if (sequence == 0) {
            restrictions.create(customerId, CustomerRestrictions.NONE.with(event.restriction(), alertId));
        } else {
            restrictions.apply(customerId, sequence, current -> current.with(event.restriction(), alertId));
        }
    }

    @EventHandler
    void on(CustomerRestrictionLiftedEvent event, @SequenceNumber long sequence) {
        restrictions.apply(
                event.customerId().value(),
                sequence,
                current -> current.without(event.restriction(), event.alertId().value()));
    }
}
