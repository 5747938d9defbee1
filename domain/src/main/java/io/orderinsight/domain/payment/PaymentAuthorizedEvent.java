package io.orderinsight.domain.payment;

import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.shared.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PaymentAuthorizedEvent(
        PaymentId paymentId,
        OrderId orderId,
        Money amount,
        PaymentMethod method,
        PaymentInstrument instrument,
        Instant occurredAt) {}
