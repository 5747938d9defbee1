package io.orderinsight.command.privacy;

import static io.orderinsight.domain.shared.CommandRejectedException.invalidState;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderinsight.domain.customer.CustomerDataErasedEvent;
import io.orderinsight.domain.shared.CustomerId;
import java.time.Instant;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * What was decided about one customer's personal data: so far, its erasure. Its id is {@code privacy/<customerId>}
 * (a slash never occurs in a caller's id).
 */
@Aggregate
public class CustomerPrivacy {

    @AggregateIdentifier
    private String privacyId;

    private boolean erased;

    public CustomerPrivacy() {}

    public static String idOf(CustomerId customerId) {
        return "privacy/" + customerId.value();
    }

    void erase(CustomerId customerId, Instant occurredAt) {
        if (erased) {
            throw invalidState("the personal data of customer " + customerId.value() + " was already erased");
        }
        apply(new CustomerDataErasedEvent(customerId, occurredAt));
    }

    @EventSourcingHandler
    void on(CustomerDataErasedEvent event) {
        privacyId = idOf(event.customerId());
        erased = true;
    }
}
