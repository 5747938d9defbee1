package io.orderinsight.domain.refund;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ApproveRefundCommand(
        @TargetAggregateIdentifier RefundId refundId, Instant occurredAt) {}
