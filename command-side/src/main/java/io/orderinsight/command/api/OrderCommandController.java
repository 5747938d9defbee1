package io.orderinsight.command.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The order commands over HTTP: placing and cancelling (decisions), shipment and delivery (facts). */
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
        return endpoint.submit(request, body, CommandMapping.placeOrder(body, endpoint.receipt()));
    }

    @PostMapping(path = "/{orderId}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> cancel(
            @PathVariable String orderId,
            @Valid @RequestBody OrderRequests.CancelOrder body,
            HttpServletRequest request) {
        return endpoint.submit(request, body, CommandMapping.cancelOrder(orderId, body, endpoint.receipt()));
    }

    @PostMapping(path = "/{orderId}/shipment", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> ship(
            @PathVariable String orderId,
            @Valid @RequestBody OrderRequests.ShipOrder body,
            HttpServletRequest request) {
        return endpoint.submit(request, body, CommandMapping.shipOrder(orderId, body, endpoint.receipt()));
    }

    @PostMapping(path = "/{orderId}/delivery")
    public ResponseEntity<String> deliver(
            @PathVariable String orderId,
            @Valid @RequestBody(required = false) OrderRequests.DeliverOrder body,
            HttpServletRequest request) {
        var given = body == null ? new OrderRequests.DeliverOrder(null) : body;
        return endpoint.submit(request, given, CommandMapping.deliverOrder(orderId, given, endpoint.receipt()));
    }
}
