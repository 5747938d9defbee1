package io.orderinsight.domain.refund;

import java.time.Instant;

public record RejectRefundCommand(RefundId refundId, String reason, Instant occurredAt) {}
