package io.orderinsight.domain.refund;

import io.orderinsight.domain.shared.RefundId;
import java.time.Instant;

/** @param reviewer see {@link ApproveRefundCommand#reviewer()} */
public record RejectRefundCommand(RefundId refundId, String reason, Instant occurredAt, boolean reviewer) {}
