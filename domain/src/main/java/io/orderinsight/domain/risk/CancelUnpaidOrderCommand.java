package io.orderinsight.domain.risk;

import io.orderinsight.domain.shared.OrderId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The unpaid-order rule's action: cancel the order if it is still only placed. Unlike an upstream cancellation it
 * is not refused when the order moved on meanwhile; it then changes nothing.
 */
public record CancelUnpaidOrderCommand(
        @TargetAggregateIdentifier OrderId orderId, AlertId alertId, String reason, Instant occurredAt) {}
