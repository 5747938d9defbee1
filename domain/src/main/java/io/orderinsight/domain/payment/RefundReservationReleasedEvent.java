package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A rejected refund gave its reserved amount back to the payment's refundable balance. */
@Revision("1")
public record RefundReservationReleasedEvent(
        PaymentId paymentId, OrderId orderId, RefundId refundId, Money amount, Instant occurredAt) {}
