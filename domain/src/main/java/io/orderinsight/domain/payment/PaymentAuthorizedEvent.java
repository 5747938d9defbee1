package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
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
