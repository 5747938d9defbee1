package io.orderinsight.command.order;

import io.orderinsight.domain.shared.CustomerId;

/** Whether a customer's new orders are refused (a fraud alert's BLOCK_ORDERS restriction in force). */
@FunctionalInterface
public interface OrderBlockPolicy {

    boolean ordersBlocked(CustomerId customerId);
}
