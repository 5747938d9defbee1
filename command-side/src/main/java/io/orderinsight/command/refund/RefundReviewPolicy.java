package io.orderinsight.command.refund;

import io.orderinsight.domain.shared.CustomerId;

/** Whether a customer's new refunds wait for a risk analyst (PENDING_REVIEW) instead of going straight to REQUESTED. */
@FunctionalInterface
public interface RefundReviewPolicy {

    boolean requiresReview(CustomerId customerId);
}
