package io.orderinsight.domain.refund;

import io.orderinsight.domain.customer.CustomerId;
import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.payment.PaymentId;
import io.orderinsight.domain.shared.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code status} is REQUESTED, or PENDING_REVIEW when the customer's refunds are held for review. */
@Revision("1")
public record RefundRequestedEvent(
        RefundId refundId,
        OrderId orderId,
        PaymentId paymentId,
        CustomerId customerId,
        Money amount,
        String reason,
        RefundStatus status,
        Instant occurredAt) {}
