package io.orderinsight.domain.order;

import io.orderinsight.domain.shared.OrderId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Goods left the warehouse; recorded even before payment or after a cancellation, because it happened. */
@Revision("1")
public record OrderShippedEvent(OrderId orderId, String carrier, String trackingNumber, Instant occurredAt) {}
