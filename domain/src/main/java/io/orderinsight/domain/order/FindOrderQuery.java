package io.orderinsight.domain.order;

import io.orderinsight.domain.shared.OrderId;

/** One order's view: status, money totals, related ids, risk flags, version. */
public record FindOrderQuery(OrderId orderId) {}
