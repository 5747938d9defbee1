package io.orderinsight.projections.risk;

import io.orderinsight.domain.risk.AlertStatus;
import org.bson.Document;

/**
 * An alert's entry in the {@code order_alerts} document of the order it names: its rule, and OPEN or the outcome it
 * was resolved with. Mapped to and from its document here alone, for the risk views and the queries of risk flags.
 */
public record OrderAlert(String ruleId, AlertStatus status) {

    private static final String RULE_ID = "ruleId";
    private static final String STATUS = "status";

    public static OrderAlert of(Document entry) {
        String status = entry.getString(STATUS);
        return new OrderAlert(entry.getString(RULE_ID), status == null ? null : AlertStatus.valueOf(status));
    }

    public Document toDocument() {
        return new Document(RULE_ID, ruleId).append(STATUS, status.name());
    }

    /** Whether the alert is still open: its rule is a risk flag of the order. */
    public boolean open() {
        return status == AlertStatus.OPEN;
    }
}
