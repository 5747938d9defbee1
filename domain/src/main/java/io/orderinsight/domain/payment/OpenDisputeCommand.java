package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.DisputeId;
import io.orderinsight.domain.shared.PaymentId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code amount} is in minor units of the payment's currency. */
public record OpenDisputeCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        DisputeId disputeId,
        long amount,
        String reason,
        Instant occurredAt) {}
