package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code amount} was captured now; {@code capturedTotal} is the payment's captured total after it. */
@Revision("1")
public record PaymentCapturedEvent(
        PaymentId paymentId, OrderId orderId, Money amount, Money capturedTotal, Instant occurredAt) {}
