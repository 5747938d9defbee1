package io.orderinsight.domain.order;

/** A seller's KPIs per currency, against the card networks' dispute thresholds. */
public record FindSellerKpisQuery(SellerId sellerId) {}
