package io.orderinsight.domain.payment;

import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.refund.RefundId;
import io.orderinsight.domain.shared.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A rejected refund gave its reserved amount back to the payment's refundable balance. */
@Revision("1")
public record RefundReservationReleasedEvent(
        PaymentId paymentId, OrderId orderId, RefundId refundId, Money amount, Instant occurredAt) {}
