package io.orderinsight.domain.risk;

import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** A rule's thresholds as of {@code version}: all of them, not only the changed ones. */
@Revision("1")
public record RuleVersionRecordedEvent(
        String ruleId,
        long version,
        Map<String, String> thresholds,
        boolean enabled,
        String source,
        Instant occurredAt) {}
