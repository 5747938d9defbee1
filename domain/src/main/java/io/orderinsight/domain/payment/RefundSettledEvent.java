package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A reserved refund was paid out: the amount moves from in flight to refunded on the payment. */
@Revision("1")
public record RefundSettledEvent(
        PaymentId paymentId, OrderId orderId, RefundId refundId, Money amount, Instant occurredAt) {}
