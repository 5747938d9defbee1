package io.orderinsight.command.risk;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderinsight.domain.risk.RuleVersionRecordedEvent;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** The history of one rule's thresholds, version by version; its id is {@code rule/<ruleId>}. */
@Aggregate
public class RiskRule {

    @AggregateIdentifier
    private String aggregateId;

    private long version;

    public RiskRule() {}

    public static String idOf(String ruleId) {
        return "rule/" + ruleId;
    }

    long record(String ruleId, Map<String, String> thresholds, boolean enabled, String source, Instant occurredAt) {
        apply(new RuleVersionRecordedEvent(ruleId, version + 1, thresholds, enabled, source, occurredAt));
        return version;
    }

    @EventSourcingHandler
    void on(RuleVersionRecordedEvent event) {
        aggregateId = idOf(event.ruleId());
        version = event.version();
    }
}
