package io.orderinsight.domain.order;

import io.orderinsight.domain.shared.OrderId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ShipOrderCommand(
        @TargetAggregateIdentifier OrderId orderId, String carrier, String trackingNumber, Instant occurredAt) {}
