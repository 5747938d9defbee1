package io.orderinsight.domain.customer;

import io.orderinsight.domain.shared.CustomerId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A customer's personal data was erased: its key is destroyed, so what events hold of it sealed can no longer be
 * read. The events themselves, their hashes and every figure derived from them stay as they were.
 */
@Revision("1")
public record CustomerDataErasedEvent(CustomerId customerId, Instant occurredAt) {}
