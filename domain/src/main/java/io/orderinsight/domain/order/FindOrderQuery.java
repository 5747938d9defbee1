package io.orderinsight.domain.order;

/** One order's view: status, money totals, related ids, risk flags, version. */
public record FindOrderQuery(OrderId orderId) {}
