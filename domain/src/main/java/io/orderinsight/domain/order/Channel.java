package io.orderinsight.domain.order;

public enum Channel {
    LIVE,
    VIDEO,
    SHOP,
    SEARCH,
    OTHER
}
