package io.orderinsight.domain.refund;

/** One refund's view. */
public record FindRefundQuery(RefundId refundId) {}
