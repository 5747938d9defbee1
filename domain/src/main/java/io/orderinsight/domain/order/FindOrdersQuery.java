package io.orderinsight.domain.order;

import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.SellerId;
import java.time.Instant;

/**
 * A page of order views, newest placement first; every filter is optional (null), {@code from} inclusive and
 * {@code to} exclusive on the placement time, {@code page} counted from 0.
 */
public record FindOrdersQuery(
        CustomerId customerId, SellerId sellerId, OrderStatus status, Instant from, Instant to, int page, int size) {}
