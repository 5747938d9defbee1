package io.orderinsight.domain.payment;

import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.shared.Money;
import java.time.Instant;

/** A payment attempt reported by the payment provider: authorized or declined. */
public record RecordPaymentCommand(
        PaymentId paymentId,
        OrderId orderId,
        Money amount,
        PaymentMethod method,
        PaymentOutcome outcome,
        String declineReason,
        PaymentInstrument instrument,
        Instant occurredAt) {}
