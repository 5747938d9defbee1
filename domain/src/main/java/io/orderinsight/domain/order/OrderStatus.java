package io.orderinsight.domain.order;

/** PLACED → CANCELLED | SHIPPED → DELIVERED. */
public enum OrderStatus {
    PLACED,
    CANCELLED,
    SHIPPED,
    DELIVERED
}
