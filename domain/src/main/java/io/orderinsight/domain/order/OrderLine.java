package io.orderinsight.domain.order;

/** One line of an order; {@code unitPrice} is in minor units of the order's currency. */
public record OrderLine(String sku, String category, int quantity, long unitPrice) {}
