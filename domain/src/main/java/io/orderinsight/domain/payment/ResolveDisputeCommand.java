package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.DisputeId;
import io.orderinsight.domain.shared.PaymentId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ResolveDisputeCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        DisputeId disputeId,
        DisputeOutcome outcome,
        Instant occurredAt) {}
