package io.orderinsight.domain.risk;

import io.orderinsight.domain.shared.CustomerId;
import java.time.Instant;

/** Puts a customer under a restriction for an alert; the same restriction for the same alert changes nothing. */
public record RestrictCustomerCommand(
        CustomerId customerId, Restriction restriction, AlertId alertId, Instant occurredAt) {}
