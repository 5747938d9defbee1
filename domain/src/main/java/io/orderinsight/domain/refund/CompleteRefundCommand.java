package io.orderinsight.domain.refund;

import java.time.Instant;

public record CompleteRefundCommand(RefundId refundId, Instant occurredAt) {}
