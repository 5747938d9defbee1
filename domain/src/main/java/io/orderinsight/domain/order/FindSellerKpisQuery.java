package io.orderinsight.domain.order;

import io.orderinsight.domain.shared.SellerId;

/** A seller's KPIs per currency, against the card networks' dispute thresholds. */
public record FindSellerKpisQuery(SellerId sellerId) {}
