package io.orderinsight.domain.risk;

import java.time.Instant;

/** An analyst's verdict on an open alert: CONFIRMED_FRAUD or FALSE_POSITIVE. */
public record ResolveAlertCommand(AlertId alertId, AlertStatus outcome, String note, Instant occurredAt) {}
