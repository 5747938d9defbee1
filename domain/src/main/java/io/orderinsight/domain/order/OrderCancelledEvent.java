package io.orderinsight.domain.order;

import io.orderinsight.domain.shared.OrderId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record OrderCancelledEvent(OrderId orderId, String reason, Instant occurredAt) {}
