package io.orderinsight.domain.risk;

import io.orderinsight.domain.shared.CustomerId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The restriction alert {@code alertId} had caused was lifted: the alert was found a false positive. */
@Revision("1")
public record CustomerRestrictionLiftedEvent(
        CustomerId customerId, Restriction restriction, AlertId alertId, Instant occurredAt) {}
