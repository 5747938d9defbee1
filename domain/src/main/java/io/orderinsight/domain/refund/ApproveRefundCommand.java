package io.orderinsight.domain.refund;

import io.orderinsight.domain.shared.RefundId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param reviewer whether the caller may decide a refund held for review (the risk team); an ordinary refund needs
 *     no review
 */
public record ApproveRefundCommand(
        @TargetAggregateIdentifier RefundId refundId, Instant occurredAt, boolean reviewer) {}
