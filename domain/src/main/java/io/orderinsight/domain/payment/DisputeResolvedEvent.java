package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.DisputeId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DisputeResolvedEvent(
        PaymentId paymentId,
        OrderId orderId,
        DisputeId disputeId,
        DisputeOutcome outcome,
        Money amount,
        Instant occurredAt) {}
