package io.orderinsight.domain.refund;

import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import java.time.Instant;
import java.util.Currency;

/**
 * {@code amount} is in minor units; {@code currency} is optional and, when given, must be the order's.
 */
public record RequestRefundCommand(
        RefundId refundId,
        OrderId orderId,
        PaymentId paymentId,
        long amount,
        Currency currency,
        String reason,
        Instant occurredAt) {}
