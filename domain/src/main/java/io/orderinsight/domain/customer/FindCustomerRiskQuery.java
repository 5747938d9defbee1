package io.orderinsight.domain.customer;

import io.orderinsight.domain.shared.CustomerId;

/** A customer's risk profile: refunds, declines, disputes, distinct cards, holds and blocks. */
public record FindCustomerRiskQuery(CustomerId customerId) {}
