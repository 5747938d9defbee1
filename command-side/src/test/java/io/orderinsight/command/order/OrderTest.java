package io.orderinsight.command.order;

import static io.orderinsight.command.testing.Rejections.withCode;
import static io.orderinsight.domain.shared.RejectionCode.INVALID_STATE;
import static io.orderinsight.domain.shared.RejectionCode.VALIDATION_FAILED;

import io.orderinsight.command.testing.FakePersonalDataVault;
import io.orderinsight.command.testing.MemoryCustomerStanding;
import io.orderinsight.domain.customer.PersonalData;
import io.orderinsight.domain.order.CancelOrderCommand;
import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.DeliverOrderCommand;
import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderDeliveredEvent;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.order.PlaceOrderCommand;
import io.orderinsight.domain.order.ShipOrderCommand;
import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.CancelUnpaidOrderCommand;
import io.orderinsight.domain.risk.Restriction;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.RejectionCode;
import io.orderinsight.domain.shared.SellerId;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final CustomerId CUSTOMER = CustomerId.of("c-1");
    private static final SellerId SELLER = SellerId.of("s-1");
    private static final PersonalData ALICE =
            new PersonalData("alice@example.com", "Alice", "Main Street 1", "Berlin", "10115");
    private static final List<OrderLine> ONE_TOY = List.of(new OrderLine("sku-1", "toys", 1, 2_500));

    private final MemoryCustomerStanding standing = new MemoryCustomerStanding();
    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(new FakePersonalDataVault());
        fixture.registerInjectableResource((OrderBlockPolicy) standing::ordersBlocked);
    }

    @Test
    void placesOrderWithTotalOfItsItems() {
        List<OrderLine> items =
                List.of(new OrderLine("sku-1", "toys", 2, 1_500), new OrderLine("sku-2", "books", 1, 999));

        fixture.givenNoPriorActivity().when(place(items, null)).expectEvents(placed(items, Money.of(3_999, EUR), null));
    }

    @Test
    void sealsPersonalDataWithTheVault() {
        fixture.givenNoPriorActivity()
                .when(place(ONE_TOY, ALICE))
                .expectEvents(placed(ONE_TOY, Money.of(2_500, EUR), "sealed:c-1:alice@example.com"));
    }

    @Test
    void leavesSealedPersonalDataNullWhenNoneIsSent() {
        fixture.givenNoPriorActivity()
                .when(place(ONE_TOY, null))
                .expectEvents(placed(ONE_TOY, Money.of(2_500, EUR), null));
    }

    @Test
    void treatsPersonalDataWithoutAnyFieldAsAbsent() {
        fixture.givenNoPriorActivity()
                .when(place(ONE_TOY, new PersonalData(null, null, null, null, null)))
                .expectEvents(placed(ONE_TOY, Money.of(2_500, EUR), null));
    }

    @Test
    void placesOrderOfFreeItems() {
        List<OrderLine> gift = List.of(new OrderLine("sku-9", "gifts", 3, 0));

        fixture.givenNoPriorActivity().when(place(gift, null)).expectEvents(placed(gift, Money.zero(EUR), null));
    }

    @Test
    void rejectsOrderWithoutItems() {
        fixture.givenNoPriorActivity()
                .when(place(List.of(), null))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(VALIDATION_FAILED));
    }

    @ParameterizedTest(name = "quantity {0}")
    @ValueSource(ints = {0, -1})
    void rejectsItemWithNonPositiveQuantity(int quantity) {
        fixture.givenNoPriorActivity()
                .when(place(List.of(new OrderLine("sku-1", "toys", quantity, 2_500)), null))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(VALIDATION_FAILED));
    }

    @Test
    void rejectsItemWithNegativeUnitPrice() {
        fixture.givenNoPriorActivity()
                .when(place(List.of(new OrderLine("sku-1", "toys", 1, -1)), null))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(VALIDATION_FAILED));
    }

    @Test
    void rejectsItemWhosePriceTimesQuantityOverflows() {
        fixture.givenNoPriorActivity()
                .when(place(List.of(new OrderLine("sku-1", "toys", 2, Long.MAX_VALUE / 2 + 1)), null))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(VALIDATION_FAILED));
    }

    @Test
    void rejectsOrderWhoseTotalOverflows() {
        List<OrderLine> items =
                List.of(new OrderLine("sku-1", "toys", 1, Long.MAX_VALUE), new OrderLine("sku-2", "toys", 1, 1));

        fixture.givenNoPriorActivity()
                .when(place(items, null))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(VALIDATION_FAILED));
    }

    @Test
    void refusesOrderOfBlockedCustomer() {
        standing.restrict(CUSTOMER, Restriction.ORDER_BLOCK, AlertId.of("alert-1"));

        fixture.givenNoPriorActivity()
                .when(place(ONE_TOY, null))
                .expectNoEvents()
                .expectException(withCode(RejectionCode.CUSTOMER_BLOCKED));
    }

    @Test
    void placesOrderOfCustomerWhoseRefundsAreHeld() {
        standing.restrict(CUSTOMER, Restriction.REFUND_HOLD, AlertId.of("alert-1"));

        fixture.givenNoPriorActivity()
                .when(place(ONE_TOY, null))
                .expectEvents(placed(ONE_TOY, Money.of(2_500, EUR), null));
    }

    @Test
    void cancelsUnpaidOrderStillPlaced() {
        fixture.given(placed())
                .when(new CancelUnpaidOrderCommand(ORDER, AlertId.of("alert-1"), "unpaid-order", AT))
                .expectEvents(new OrderCancelledEvent(ORDER, "unpaid-order (alert alert-1)", AT));
    }

    @Test
    void leavesUnpaidOrderAloneOnceItMovedOn() {
        fixture.given(placed(), cancelled())
                .when(new CancelUnpaidOrderCommand(ORDER, AlertId.of("alert-1"), "unpaid-order", AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cancelsPlacedOrder() {
        fixture.given(placed())
                .when(new CancelOrderCommand(ORDER, "changed my mind", AT))
                .expectEvents(new OrderCancelledEvent(ORDER, "changed my mind", AT));
    }

    @Test
    void rejectsCancellingShippedOrder() {
        fixture.given(placed(), shipped())
                .when(new CancelOrderCommand(ORDER, "too late", AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void rejectsCancellingTwice() {
        fixture.given(placed(), cancelled())
                .when(new CancelOrderCommand(ORDER, "again", AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void shipsPlacedOrder() {
        fixture.given(placed())
                .when(new ShipOrderCommand(ORDER, "DHL", "track-1", AT))
                .expectEvents(new OrderShippedEvent(ORDER, "DHL", "track-1", AT));
    }

    @Test
    void recordsShipmentOfCancelledOrder() {
        fixture.given(placed(), cancelled())
                .when(new ShipOrderCommand(ORDER, "DHL", "track-1", AT))
                .expectEvents(new OrderShippedEvent(ORDER, "DHL", "track-1", AT));
    }

    @Test
    void rejectsShippingTwice() {
        fixture.given(placed(), shipped())
                .when(new ShipOrderCommand(ORDER, "UPS", "track-2", AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void rejectsShippingDeliveredOrder() {
        fixture.given(placed(), shipped(), new OrderDeliveredEvent(ORDER, AT))
                .when(new ShipOrderCommand(ORDER, "UPS", "track-2", AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void deliversShippedOrder() {
        fixture.given(placed(), shipped())
                .when(new DeliverOrderCommand(ORDER, AT))
                .expectEvents(new OrderDeliveredEvent(ORDER, AT));
    }

    @Test
    void rejectsDeliveringOrderNotShipped() {
        fixture.given(placed())
                .when(new DeliverOrderCommand(ORDER, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void rejectsDeliveringTwice() {
        fixture.given(placed(), shipped(), new OrderDeliveredEvent(ORDER, AT))
                .when(new DeliverOrderCommand(ORDER, AT))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    private static PlaceOrderCommand place(List<OrderLine> items, PersonalData personalData) {
        return new PlaceOrderCommand(ORDER, CUSTOMER, SELLER, EUR, Channel.LIVE, "DE", items, personalData, AT);
    }

    private static OrderPlacedEvent placed(List<OrderLine> items, Money total, String sealedPersonalData) {
        return new OrderPlacedEvent(ORDER, CUSTOMER, SELLER, Channel.LIVE, "DE", items, total, sealedPersonalData, AT);
    }

    private static OrderPlacedEvent placed() {
        return placed(ONE_TOY, Money.of(2_500, EUR), null);
    }

    private static OrderShippedEvent shipped() {
        return new OrderShippedEvent(ORDER, "DHL", "track-1", AT);
    }

    private static OrderCancelledEvent cancelled() {
        return new OrderCancelledEvent(ORDER, "changed my mind", AT);
    }
}
