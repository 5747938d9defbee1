package io.orderinsight.command.api;

import static io.orderinsight.command.api.CommandEndpoint.currency;
import static io.orderinsight.command.api.CommandEndpoint.pathId;

import io.orderinsight.command.support.AggregateTypes;
import io.orderinsight.domain.customer.CustomerId;
import io.orderinsight.domain.customer.PersonalData;
import io.orderinsight.domain.order.CancelOrderCommand;
import io.orderinsight.domain.order.DeliverOrderCommand;
import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.PlaceOrderCommand;
import io.orderinsight.domain.order.SellerId;
import io.orderinsight.domain.order.ShipOrderCommand;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(
        path = "/api/v1/orders",
        produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
public class OrderCommandController {

    private final CommandEndpoint endpoint;

    public OrderCommandController(CommandEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> place(@Valid @RequestBody OrderRequests.PlaceOrder body, HttpServletRequest request) {
        var items = body.items().stream()
                .map(item -> new OrderLine(item.sku(), item.category(), item.quantity(), item.unitPrice()))
                .toList();
        PersonalData personalData = new PersonalData(
                body.customer() == null ? null : body.customer().email(),
                body.customer() == null ? null : body.customer().name(),
                body.shippingAddress() == null ? null : body.shippingAddress().line1(),
                body.shippingAddress() == null ? null : body.shippingAddress().city(),
                body.shippingAddress() == null ? null : body.shippingAddress().postalCode());
        var command = new PlaceOrderCommand(
                OrderId.of(body.orderId()),
                CustomerId.of(body.customerId()),
                SellerId.of(body.sellerId()),
                currency("currency", body.currency()),
                body.channel(),
                body.shippingCountry(),
                items,
                personalData,
                endpoint.occurredAt(body.occurredAt()));
        return endpoint.create(
                request, body, command, AggregateTypes.ORDER, body.orderId(), "/api/v1/orders/" + body.orderId());
    }

    @PostMapping(path = "/{orderId}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> cancel(
            @PathVariable String orderId,
            @Valid @RequestBody OrderRequests.CancelOrder body,
            HttpServletRequest request) {
        var command = new CancelOrderCommand(
                OrderId.of(pathId("orderId", orderId)), body.reason(), endpoint.occurredAt(body.occurredAt()));
        return endpoint.change(request, body, command, AggregateTypes.ORDER, orderId);
    }

    @PostMapping(path = "/{orderId}/shipment", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> ship(
            @PathVariable String orderId,
            @Valid @RequestBody OrderRequests.ShipOrder body,
            HttpServletRequest request) {
        var command = new ShipOrderCommand(
                OrderId.of(pathId("orderId", orderId)),
                body.carrier(),
                body.trackingNumber(),
                endpoint.occurredAt(body.occurredAt()));
        return endpoint.change(request, body, command, AggregateTypes.ORDER, orderId);
    }

    @PostMapping(path = "/{orderId}/delivery")
    public ResponseEntity<String> deliver(
            @PathVariable String orderId,
            @Valid @RequestBody(required = false) OrderRequests.DeliverOrder body,
            HttpServletRequest request) {
        var given = body == null ? new OrderRequests.DeliverOrder(null) : body;
        var command = new DeliverOrderCommand(
                OrderId.of(pathId("orderId", orderId)), endpoint.occurredAt(given.occurredAt()));
        return endpoint.change(request, given, command, AggregateTypes.ORDER, orderId);
    }
}
