package io.orderinsight.audit.cases;

import io.orderinsight.domain.shared.OrderIds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which aggregates make up each order's case: the order, and every payment and refund whose events name it. Kept in
 * PostgreSQL ({@code case_member}) by a processor whose token is stored beside it, so the case history can read an
 * order's events straight from the event store by aggregate.
 *
 * <p>A batch's members are gathered while its events are handled (each pair once) and written in one round trip when
 * the batch commits, in the transaction that stores the token: an insert per event made the index the slowest
 * processor under load, each round trip waiting for a core.
 */
@ProcessingGroup(CaseIndex.PROCESSING_GROUP)
public class CaseIndex {

    public static final String PROCESSING_GROUP = "audit-index";
    private static final String MEMBERS = CaseIndex.class.getName() + ".members";
    private static final String INSERT =
            "insert into case_member (order_id, aggregate_id, aggregate_type) values (?, ?, ?) on conflict do nothing";

    private final JdbcTemplate jdbc;

    public CaseIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(Object payload, DomainEventMessage<?> event) {
        OrderIds.of(payload)
                .ifPresent(
                        orderId -> members().add(new Member(orderId, event.getAggregateIdentifier(), event.getType())));
    }

    private record Member(String orderId, String aggregateId, String aggregateType) {}

    /** The members of the batch being handled, written when it commits. */
    private Set<Member> members() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(MEMBERS, key -> {
            Set<Member> members = new LinkedHashSet<>();
            root.onPrepareCommit(unitOfWork -> write(members));
            return members;
        });
    }

    /** Runs only for a batch that gathered a member: the set is made on the first. */
    private void write(Set<Member> members) {
        List<Object[]> rows = new ArrayList<>(members.size());
        members.forEach(
                member -> rows.add(new Object[] {member.orderId(), member.aggregateId(), member.aggregateType()}));
        jdbc.batchUpdate(INSERT, rows);
    }
}
