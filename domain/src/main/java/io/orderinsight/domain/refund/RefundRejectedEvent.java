package io.orderinsight.domain.refund;

import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.payment.PaymentId;
import io.orderinsight.domain.shared.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record RefundRejectedEvent(
        RefundId refundId, OrderId orderId, PaymentId paymentId, Money amount, String reason, Instant occurredAt) {}
