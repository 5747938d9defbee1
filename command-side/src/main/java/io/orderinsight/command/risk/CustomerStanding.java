package io.orderinsight.command.risk;

import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.Restriction;
import io.orderinsight.domain.shared.CustomerId;

/**
 * The restrictions in force per customer, written in the same transaction as the CustomerRisk events that record
 * them. PlaceOrder and RequestRefund read them in their own transaction, so a restriction is seen by every node from
 * the moment it commits.
 */
public interface CustomerStanding {

    boolean ordersBlocked(CustomerId customerId);

    boolean refundsHeld(CustomerId customerId);

    void restrict(CustomerId customerId, Restriction restriction, AlertId alertId);

    void lift(CustomerId customerId, Restriction restriction, AlertId alertId);
}
