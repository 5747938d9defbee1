package io.orderinsight.projections.risk;

import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.AnomalyEvidence;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import io.orderinsight.projections.support.Times;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A document of {@code alert_views}: one alert as raised — its rule and version, subject, evidence event ids, money
 * at risk or the anomaly its rule saw, the action taken — and its verdict once an analyst resolved it. Mapped to and
 * from its document here alone; the queries serve the record itself.
 *
 * @param currency the currency of {@code moneyAtRisk}, or of the anomaly's figures; null when the alert names none
 * @param moneyAtRisk in minor units of {@code currency}; null when the rule puts no money at risk
 * @param anomaly what an anomaly rule saw; null for the other rules
 * @param note the analyst's note on the resolution, if any
 * @param resolvedAt when the alert was resolved; null while it is open
 */
public record AlertView(
        String alertId,
        String ruleId,
        long ruleVersion,
        String subjectType,
        String subjectId,
        String customerId,
        String sellerId,
        String orderId,
        List<String> evidence,
        String action,
        String detail,
        AlertStatus status,
        Instant raisedAt,
        String currency,
        Long moneyAtRisk,
        AnomalyEvidence anomaly,
        String note,
        Instant resolvedAt) {

    /** Field names the alert queries filter and sort by. */
    public static final String RULE_ID = "ruleId";

    public static final String SUBJECT_ID = "subjectId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String STATUS = "status";
    public static final String RAISED_AT = "raisedAt";

    private static final String ALERT_ID = "alertId";
    private static final String RULE_VERSION = "ruleVersion";
    private static final String SUBJECT_TYPE = "subjectType";
    private static final String SELLER_ID = "sellerId";
    private static final String ORDER_ID = "orderId";
    private static final String EVIDENCE = "evidence";
    private static final String ACTION = "action";
    private static final String DETAIL = "detail";
    private static final String CURRENCY = "currency";
    private static final String MONEY_AT_RISK = "moneyAtRisk";
    private static final String ANOMALY = "anomaly";
    private static final String NOTE = "note";
    private static final String RESOLVED_AT = "resolvedAt";

    /** The alert as its rule raised it: open. */
    public static AlertView raised(RiskAlertRaisedEvent event) {
        AnomalyEvidence anomaly = event.anomaly();
        String currency = event.moneyAtRisk() != null
                ? event.moneyAtRisk().currency().getCurrencyCode()
                : anomaly != null ? anomaly.currency() : null;
        return new AlertView(
                event.alertId().value(),
                event.ruleId(),
                event.ruleVersion(),
                event.subjectType().name(),
                event.subjectId(),
                event.customerId(),
                event.sellerId(),
                event.orderId(),
                event.evidence(),
                event.action().name(),
                event.detail(),
                AlertStatus.OPEN,
                event.occurredAt(),
                currency,
                event.moneyAtRisk() == null ? null : event.moneyAtRisk().minor(),
                anomaly,
                null,
                null);
    }

    /** The alert with an analyst's verdict. */
    public AlertView resolved(AlertResolvedEvent event) {
        return new AlertView(
                alertId,
                ruleId,
                ruleVersion,
                subjectType,
                subjectId,
                customerId,
                sellerId,
                orderId,
                evidence,
                action,
                detail,
                event.outcome(),
                raisedAt,
                currency,
                moneyAtRisk,
                anomaly,
                event.note(),
                event.occurredAt());
    }

    public boolean open() {
        return status == AlertStatus.OPEN;
    }

    public static AlertView of(Document alert) {
        Number ruleVersion = alert.get(RULE_VERSION, Number.class);
        Number moneyAtRisk = alert.get(MONEY_AT_RISK, Number.class);
        Document anomaly = alert.get(ANOMALY, Document.class);
        String currency = alert.getString(CURRENCY);
        return new AlertView(
                alert.getString(ALERT_ID),
                alert.getString(RULE_ID),
                ruleVersion == null ? 0 : ruleVersion.longValue(),
                alert.getString(SUBJECT_TYPE),
                alert.getString(SUBJECT_ID),
                alert.getString(CUSTOMER_ID),
                alert.getString(SELLER_ID),
                alert.getString(ORDER_ID),
                alert.getList(EVIDENCE, String.class, List.of()),
                alert.getString(ACTION),
                alert.getString(DETAIL),
                AlertStatus.valueOf(alert.getString(STATUS)),
                Times.of(alert, RAISED_AT),
                currency,
                moneyAtRisk == null ? null : moneyAtRisk.longValue(),
                anomaly == null ? null : Anomalies.of(anomaly, currency),
                alert.getString(NOTE),
                Times.of(alert, RESOLVED_AT));
    }

    public Document toDocument() {
        Document alert = new Document(ALERT_ID, alertId)
                .append(RULE_ID, ruleId)
                .append(RULE_VERSION, ruleVersion)
                .append(SUBJECT_TYPE, subjectType)
                .append(SUBJECT_ID, subjectId)
                .append(CUSTOMER_ID, customerId)
                .append(SELLER_ID, sellerId)
                .append(ORDER_ID, orderId)
                .append(EVIDENCE, evidence)
                .append(ACTION, action)
                .append(DETAIL, detail)
                .append(STATUS, status.name())
                .append(RAISED_AT, Date.from(raisedAt));
        if (currency != null) {
            alert.append(CURRENCY, currency);
        }
        if (moneyAtRisk != null) {
            alert.append(MONEY_AT_RISK, moneyAtRisk);
        }
        if (anomaly != null) {
            alert.append(ANOMALY, Anomalies.toDocument(anomaly));
        }
        if (note != null) {
            alert.append(NOTE, note);
        }
        if (resolvedAt != null) {
            alert.append(RESOLVED_AT, Date.from(resolvedAt));
        }
        return alert;
    }

    /** An anomaly's evidence as stored under its alert (its currency is the alert's). */
    private static final class Anomalies {
        private static final String HOUR = "hour";
        private static final String METRIC = "metric";
        private static final String LEVEL = "level";
        private static final String EXPECTED = "expected";
        private static final String LOWER = "lower";
        private static final String UPPER = "upper";
        private static final String ACTUAL = "actual";
        private static final String VOLUME = "volume";
        private static final String CONTRIBUTORS = "contributors";
        private static final String DIMENSION = "dimension";
        private static final String MEMBER = "member";
        private static final String CHANGE = "change";

        static AnomalyEvidence of(Document anomaly, String currency) {
            return new AnomalyEvidence(
                    anomaly.getDate(HOUR).toInstant(),
                    anomaly.getString(METRIC),
                    currency,
                    decimal(anomaly, LEVEL),
                    decimal(anomaly, EXPECTED),
                    decimal(anomaly, LOWER),
                    decimal(anomaly, UPPER),
                    decimal(anomaly, ACTUAL),
                    decimal(anomaly, VOLUME),
                    anomaly.getList(CONTRIBUTORS, Document.class, List.of()).stream()
                            .map(contributor -> new AnomalyEvidence.Contributor(
                                    contributor.getString(DIMENSION),
                                    contributor.getString(MEMBER),
                                    decimal(contributor, CHANGE)))
                            .toList());
        }

        static Document toDocument(AnomalyEvidence anomaly) {
            return new Document(HOUR, Date.from(anomaly.hour()))
                    .append(METRIC, anomaly.metric())
                    .append(LEVEL, anomaly.level())
                    .append(EXPECTED, anomaly.expected())
                    .append(LOWER, anomaly.lower())
                    .append(UPPER, anomaly.upper())
                    .append(ACTUAL, anomaly.actual())
                    .append(VOLUME, anomaly.volume())
                    .append(
                            CONTRIBUTORS,
                            anomaly.contributors().stream()
                                    .map(contributor -> new Document(DIMENSION, contributor.dimension())
                                            .append(MEMBER, contributor.member())
                                            .append(CHANGE, contributor.change()))
                                    .toList());
        }

        private static double decimal(Document document, String field) {
            Number value = document.get(field, Number.class);
            return value == null ? 0 : value.doubleValue();
        }

        private Anomalies() {}
    }
}
