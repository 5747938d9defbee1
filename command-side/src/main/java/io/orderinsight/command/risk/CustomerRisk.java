package io.orderinsight.command.risk;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.CustomerRestrictedEvent;
import io.orderinsight.domain.risk.CustomerRestrictionLiftedEvent;
import io.orderinsight.domain.risk.Restriction;
import io.orderinsight.domain.shared.CustomerId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The holds and blocks on one customer, each owed to an alert. Its id is {@code customer/<customerId>}: a slash
 * cannot occur in a caller's id, so it never collides with an order, payment or refund.
 */
@Aggregate
public class CustomerRisk {

    @AggregateIdentifier
    private String riskId;

    private final Map<String, Restriction> restrictions = new HashMap<>();

    public CustomerRisk() {}

    public static String idOf(CustomerId customerId) {
        return "customer/" + customerId.value();
    }

    /** Records the restriction; the same alert restricting again changes nothing. */
    boolean restrict(CustomerId customerId, Restriction restriction, AlertId alertId, Instant occurredAt) {
        if (restriction.equals(restrictions.get(alertId.value()))) {
            return false;
        }
        apply(new CustomerRestrictedEvent(customerId, restriction, alertId, occurredAt));
        return true;
    }

    /** Lifts what the alert caused, if anything; the restriction lifted, or null. */
    Restriction lift(CustomerId customerId, AlertId alertId, Instant occurredAt) {
        Restriction restriction = restrictions.get(alertId.value());
        if (restriction != null) {
            apply(new CustomerRestrictionLiftedEvent(customerId, restriction, alertId, occurredAt));
        }
        return restriction;
    }

    @EventSourcingHandler
    void on(CustomerRestrictedEvent event) {
        riskId = idOf(event.customerId());
        restrictions.put(event.alertId().value(), event.restriction());
    }

    @EventSourcingHandler
    void on(CustomerRestrictionLiftedEvent event) {
        restrictions.remove(event.alertId().value());
    }
}
