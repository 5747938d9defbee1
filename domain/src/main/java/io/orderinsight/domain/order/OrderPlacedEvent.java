package io.orderinsight.domain.order;

import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.SellerId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An order was placed. {@code sealedPersonalData} is the customer's personal data encrypted with that customer's own
 * key (null when none was sent); the event store never holds it in plain text.
 */
@Revision("1")
public record OrderPlacedEvent(
        OrderId orderId,
        CustomerId customerId,
        SellerId sellerId,
        Channel channel,
        String shippingCountry,
        List<OrderLine> items,
        Money total,
        String sealedPersonalData,
        Instant occurredAt) {}
