package io.orderinsight.domain.risk;

import io.orderinsight.domain.shared.CustomerId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A customer was put under {@code restriction} because of alert {@code alertId}. */
@Revision("1")
public record CustomerRestrictedEvent(
        CustomerId customerId, Restriction restriction, AlertId alertId, Instant occurredAt) {}
