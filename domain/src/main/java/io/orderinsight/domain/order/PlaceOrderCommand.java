package io.orderinsight.domain.order;

import io.orderinsight.domain.customer.PersonalData;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.SellerId;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PlaceOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        CustomerId customerId,
        SellerId sellerId,
        Currency currency,
        Channel channel,
        String shippingCountry,
        List<OrderLine> items,
        PersonalData personalData,
        Instant occurredAt) {}
