package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The uncaptured remainder of the authorization, {@code voidedAmount}, was released. */
@Revision("1")
public record PaymentVoidedEvent(PaymentId paymentId, OrderId orderId, Money voidedAmount, Instant occurredAt) {}
