package io.orderinsight.infra.axon;

import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.SubjectType;

/**
 * {@link AlertResolvedEvent} revision 1 → 2: revision 2 added {@code orderId}, the order the alert concerns. A revision
 * 1 event names it only as its subject: an alert about an order gets that order, any other none (its order's view
 * then keeps the alert open: the upgrade's one approximation, for alerts resolved before it).
 */
public final class AlertResolvedUpcaster extends JsonRevisionUpcaster {

    public AlertResolvedUpcaster() {
        super(AlertResolvedEvent.class, "1", "2", payload -> {
            if (SubjectType.ORDER.name().equals(payload.path("subjectType").asText())) {
                payload.put("orderId", payload.path("subjectId").asText());
            } else {
                payload.putNull("orderId");
            }
        });
    }
}
