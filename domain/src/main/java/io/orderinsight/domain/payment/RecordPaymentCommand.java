package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
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
