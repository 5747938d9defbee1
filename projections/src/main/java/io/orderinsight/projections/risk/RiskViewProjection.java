package io.orderinsight.projections.risk;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.AnomalyEvidence;
import io.orderinsight.domain.risk.CustomerRestrictedEvent;
import io.orderinsight.domain.risk.CustomerRestrictionLiftedEvent;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import io.orderinsight.domain.risk.RuleVersionRecordedEvent;
import io.orderinsight.projections.risk.RiskCollections.Alert;
import io.orderinsight.projections.risk.RiskCollections.Rule;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.GenerationProjection;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.projections.support.VersionedDocuments;
import io.orderinsight.projections.support.VersionedRecords;
import java.util.Date;
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
    private final VersionedDocuments alerts;
    private final VersionedDocuments rules;
    private final VersionedRecords<CustomerRestrictions> restrictions;
    private final VersionedDocuments orderAlerts;
    private final VersionedDocuments.Entries<OrderAlert> alertEntries;

    public RiskViewProjection(MongoDatabase database) {
        this(database, Generation.of(ProjectionNames.VIEWS, Generation.FIRST));
    }

    public RiskViewProjection(MongoDatabase database, Generation generation) {
        super(ProjectionNames.VIEWS, database, generation, COLLECTIONS);
        this.alertViews = collection(RiskCollections.ALERTS);
        this.alerts = new VersionedDocuments(alertViews, batches);
        this.rules = new VersionedDocuments(collection(RiskCollections.RULES), batches);
        this.restrictions = new VersionedRecords<>(
                new VersionedDocuments(collection(RiskCollections.RESTRICTIONS), batches),
                CustomerRestrictions::of,
                CustomerRestrictions::toDocument);
        this.orderAlerts = new VersionedDocuments(collection(RiskCollections.ORDER_ALERTS), batches);
        this.alertEntries =
                orderAlerts.entries(RiskCollections.OrderAlerts.ALERTS, OrderAlert::of, OrderAlert::toDocument);
        // the alert list's filters and order on a real MongoDB
        collection(RiskCollections.ALERTS)
                .createIndex(
                        Indexes.compoundIndex(Indexes.ascending(Alert.STATUS), Indexes.descending(Alert.RAISED_AT)));
        collection(RiskCollections.ALERTS).createIndex(Indexes.ascending(Alert.CUSTOMER_ID));
    }

    @EventHandler
    void on(RiskAlertRaisedEvent event, @SequenceNumber long sequence) {
        Document alert = new Document(Alert.ALERT_ID, event.alertId().value())
                .append(Alert.RULE_ID, event.ruleId())
                .append(Alert.RULE_VERSION, event.ruleVersion())
                .append(Alert.SUBJECT_TYPE, event.subjectType().name())
                .append(Alert.SUBJECT_ID, event.subjectId())
                .append(Alert.CUSTOMER_ID, event.customerId())
                .append(Alert.SELLER_ID, event.sellerId())
                .append(Alert.ORDER_ID, event.orderId())
                .append(Alert.EVIDENCE, event.evidence())
                .append(Alert.ACTION, event.action().name())
                .append(Alert.DETAIL, event.detail())
                .append(Alert.STATUS, AlertStatus.OPEN.name())
                .append(Alert.RAISED_AT, Date.from(event.occurredAt()));
        if (event.moneyAtRisk() != null) {
            alert.append(Alert.CURRENCY, event.moneyAtRisk().currency().getCurrencyCode())
                    .append(Alert.MONEY_AT_RISK, event.moneyAtRisk().minor());
        }
        AnomalyEvidence anomaly = event.anomaly();
        if (anomaly != null) {
            alert.append(Alert.CURRENCY, anomaly.currency())
                    .append(
                            Alert.ANOMALY,
                            new Document("hour", Date.from(anomaly.hour()))
                                    .append("metric", anomaly.metric())
                                    .append("level", anomaly.level())
                                    .append("expected", anomaly.expected())
                                    .append("lower", anomaly.lower())
                                    .append("upper", anomaly.upper())
                                    .append("actual", anomaly.actual())
                                    .append("volume", anomaly.volume())
                                    .append(
                                            "contributors",
                                            anomaly.contributors().stream()
                                                    .map(contributor -> new Document(
                                                                    "dimension", contributor.dimension())
                                                            .append("member", contributor.member())
                                                            .append("change", contributor.change()))
                                                    .toList()));
        }
        alerts.create(event.alertId().value(), alert);
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
                    return raised == null ? null : raised.getString(Alert.ORDER_ID);
                });
        alerts.apply(
                alertId,
                sequence,
                alert -> new Document(Alert.STATUS, event.outcome().name())
                        .append(Alert.OUTCOME_NOTE, event.note())
                        .append(Alert.RESOLVED_AT, Date.from(event.occurredAt())));
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
    void on(RuleVersionRecordedEvent event, @SequenceNumber long sequence, @Timestamp java.time.Instant recordedAt) {
        Document rule = new Document(Rule.RULE_VERSION, event.version())
                .append(Rule.THRESHOLDS, new Document(event.thresholds()))
                .append(Rule.ENABLED, event.enabled())
                .append(Rule.SOURCE, event.source())
                .append(Rule.RECORDED_AT, Date.from(recordedAt));
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
