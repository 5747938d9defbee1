package io.orderinsight.domain.refund;

import io.orderinsight.domain.shared.RefundId;

/** One refund's view. */
public record FindRefundQuery(RefundId refundId) {}
