package io.orderinsight.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.command.order.Order;
import io.orderinsight.command.support.AggregateTypes;
import io.orderinsight.projections.support.OrderIdSequencingPolicy;
import org.junit.jupiter.api.Test;

/**
 * The projections sequence the order aggregate's events by its identifier, recognising them by the aggregate type the
 * event store records: the name they know must be the one the write side stores.
 */
class OrderAggregateTypeTest {

    @Test
    void theProjectionsKnowTheOrderAggregateByTheTypeTheStoreRecords() {
        assertThat(OrderIdSequencingPolicy.ORDER_AGGREGATE)
                .isEqualTo(AggregateTypes.ORDER)
                .isEqualTo(Order.class.getSimpleName());
    }
}
