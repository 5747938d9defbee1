package io.orderinsight.domain.refund;

import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record RefundRejectedEvent(
        RefundId refundId, OrderId orderId, PaymentId paymentId, Money amount, String reason, Instant occurredAt) {}
