package io.orderinsight.domain.refund;

import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
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
