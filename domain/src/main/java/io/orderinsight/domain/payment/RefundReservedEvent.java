package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The payment set {@code amount} of its refundable balance aside for a requested refund. */
@Revision("1")
public record RefundReservedEvent(
        PaymentId paymentId, OrderId orderId, RefundId refundId, Money amount, Instant occurredAt) {}
