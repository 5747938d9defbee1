package io.orderinsight.domain.customer;

import io.orderinsight.domain.shared.CustomerId;
import java.time.Instant;

/** Forget a customer's personal data: destroy the key it is sealed with (crypto-shredding). */
public record EraseCustomerDataCommand(CustomerId customerId, Instant occurredAt) {}
