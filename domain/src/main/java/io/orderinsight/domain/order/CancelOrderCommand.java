package io.orderinsight.domain.order;

import io.orderinsight.domain.shared.OrderId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelOrderCommand(@TargetAggregateIdentifier OrderId orderId, String reason, Instant occurredAt) {}
