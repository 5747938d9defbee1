package io.orderinsight.domain.payment;

import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.shared.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code amount} was captured now; {@code capturedTotal} is the payment's captured total after it. */
@Revision("1")
public record PaymentCapturedEvent(
        PaymentId paymentId, OrderId orderId, Money amount, Money capturedTotal, Instant occurredAt) {}
