package io.orderinsight.audit.cases;

import io.orderinsight.domain.shared.OrderIds;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which aggregates make up each order's case: the order, and every payment and refund whose events name it. Kept in
 * PostgreSQL ({@code case_member}) by a processor whose token is stored beside it, so the case history can read an
 * order's events straight from the event store by aggregate.
 */
@ProcessingGroup(CaseIndex.PROCESSING_GROUP)
public class CaseIndex {

    public static final String PROCESSING_GROUP = "audit-index";

    private final JdbcTemplate jdbc;

    public CaseIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(Object payload, DomainEventMessage<?> event) {
        OrderIds.of(payload)
                .ifPresent(orderId -> jdbc.update(
                        "insert into case_member (order_id, aggregate_id, aggregate_type) values (?, ?, ?)"
                                + " on conflict do nothing",
                        orderId,
                        event.getAggregateIdentifier(),
                        event.getType()));
    }
}
