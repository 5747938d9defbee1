package io.orderinsight.domain.refund;

import io.orderinsight.domain.shared.RefundId;
import java.time.Instant;

public record CompleteRefundCommand(RefundId refundId, Instant occurredAt) {}
