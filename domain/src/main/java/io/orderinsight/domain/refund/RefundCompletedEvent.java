package io.orderinsight.domain.refund;

import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.payment.PaymentId;
import io.orderinsight.domain.shared.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The refund's money was paid out to the customer. */
@Revision("1")
public record RefundCompletedEvent(
        RefundId refundId, OrderId orderId, PaymentId paymentId, Money amount, Instant occurredAt) {}
