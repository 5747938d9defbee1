package io.orderinsight.projections.risk;

import io.orderinsight.domain.risk.Restriction;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * A document of {@code customer_restrictions}: the alerts behind each restriction in force on a customer — refund
 * holds and order blocks. Mapped to and from its document here alone, for the risk views and the queries.
 */
public record CustomerRestrictions(List<String> refundHolds, List<String> orderBlocks) {

    private static final String HOLDS = "refundHolds";
    private static final String BLOCKS = "orderBlocks";

    /** A customer under no restriction. */
    public static final CustomerRestrictions NONE = new CustomerRestrictions(List.of(), List.of());

    public static CustomerRestrictions of(Document restrictions) {
        return new CustomerRestrictions(
                restrictions.getList(HOLDS, String.class, List.of()),
                restrictions.getList(BLOCKS, String.class, List.of()));
    }

    public Document toDocument() {
        return new Document(HOLDS, refundHolds).append(BLOCKS, orderBlocks);
    }

    /** The restriction in force by one more alert (already in force by it: unchanged). */
    public CustomerRestrictions with(Restriction restriction, String alertId) {
        List<String> alerts = new ArrayList<>(of(restriction));
        if (!alerts.contains(alertId)) {
            alerts.add(alertId);
        }
        return replaced(restriction, alerts);
    }

    /** The restriction no longer in force by {@code alertId}. */
    public CustomerRestrictions without(Restriction restriction, String alertId) {
        List<String> alerts = new ArrayList<>(of(restriction));
        alerts.remove(alertId);
        return replaced(restriction, alerts);
    }

    private List<String> of(Restriction restriction) {
        return restriction == Restriction.REFUND_HOLD ? refundHolds : orderBlocks;
    }

    private CustomerRestrictions replaced(Restriction restriction, List<String> alerts) {
        return restriction == Restriction.REFUND_HOLD
                ? new CustomerRestrictions(alerts, orderBlocks)
                : new CustomerRestrictions(refundHolds, alerts);
    }
}
