package io.orderinsight.infra.axon;

import io.orderinsight.domain.risk.RiskAlertRaisedEvent;

/**
 * {@link RiskAlertRaisedEvent} revision 1 → 2: revision 2 added {@code anomaly}, what an anomaly rule saw; the alerts
 * of revision 1 were raised by the rules that fire on events, and have none.
 */
public final class RiskAlertRaisedUpcaster extends JsonRevisionUpcaster {

    public RiskAlertRaisedUpcaster() {
        super(RiskAlertRaisedEvent.class, "1", "2", payload -> payload.putNull("anomaly"));
    }
}
