package io.orderinsight.command.testing;

import io.orderinsight.command.risk.CustomerStanding;
import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.Restriction;
import io.orderinsight.domain.shared.CustomerId;
import java.util.HashSet;
import java.util.Set;

/** Customer restrictions in a set, for fixture tests. */
public final class MemoryCustomerStanding implements CustomerStanding {

    private final Set<String> restrictions = new HashSet<>();

    @Override
    public boolean ordersBlocked(CustomerId customerId) {
        return restricted(customerId, Restriction.ORDER_BLOCK);
    }

    @Override
    public boolean refundsHeld(CustomerId customerId) {
        return restricted(customerId, Restriction.REFUND_HOLD);
    }

    @Override
    public void restrict(CustomerId customerId, Restriction restriction, AlertId alertId) {
        restrictions.add(customerId.value() + "|" + restriction + "|" + alertId);
    }

    @Override
    public void lift(CustomerId customerId, Restriction restriction, AlertId alertId) {
        restrictions.remove(customerId.value() + "|" + restriction + "|" + alertId);
    }

    private boolean restricted(CustomerId customerId, Restriction restriction) {
        String prefix = customerId.value() + "|" + restriction + "|";
        return restrictions.stream().anyMatch(entry -> entry.startsWith(prefix));
    }
}
