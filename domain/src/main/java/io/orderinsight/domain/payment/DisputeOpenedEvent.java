package io.orderinsight.domain.payment;

import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.shared.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DisputeOpenedEvent(
        PaymentId paymentId, OrderId orderId, DisputeId disputeId, Money amount, String reason, Instant occurredAt) {}
