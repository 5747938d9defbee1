package io.orderinsight.command.risk;

import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.Restriction;
import io.orderinsight.domain.shared.CustomerId;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link CustomerStanding} in PostgreSQL's {@code customer_restriction}. */
public class JdbcCustomerStanding implements CustomerStanding {

    private final JdbcTemplate jdbc;

    public JdbcCustomerStanding(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

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
        jdbc.update(
                "insert into customer_restriction (customer_id, restriction, alert_id) values (?, ?, ?)"
                        + " on conflict do nothing",
                customerId.value(),
                restriction.name(),
                alertId.value());
    }

    @Override
    public void lift(CustomerId customerId, Restriction restriction, AlertId alertId) {
        jdbc.update(
                "delete from customer_restriction where customer_id = ? and restriction = ? and alert_id = ?",
                customerId.value(),
                restriction.name(),
                alertId.value());
    }

    private boolean restricted(CustomerId customerId, Restriction restriction) {
        Boolean found = jdbc.queryForObject(
                "select exists (select 1 from customer_restriction where customer_id = ? and restriction = ?)",
                Boolean.class,
                customerId.value(),
                restriction.name());
        return Boolean.TRUE.equals(found);
    }
}
