package io.orderinsight.command.api;

import static io.orderinsight.command.api.CommandEndpoint.currency;
import static io.orderinsight.command.api.CommandEndpoint.pathId;

import io.orderinsight.command.support.AggregateTypes;
import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.payment.PaymentId;
import io.orderinsight.domain.refund.ApproveRefundCommand;
import io.orderinsight.domain.refund.CompleteRefundCommand;
import io.orderinsight.domain.refund.RefundId;
import io.orderinsight.domain.refund.RejectRefundCommand;
import io.orderinsight.domain.refund.RequestRefundCommand;
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
        path = "/api/v1/refunds",
        produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
public class RefundCommandController {

    private final CommandEndpoint endpoint;

    public RefundCommandController(CommandEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> request(
            @Valid @RequestBody RefundRequests.RequestRefund body, HttpServletRequest request) {
        var command = new RequestRefundCommand(
                RefundId.of(body.refundId()),
                OrderId.of(body.orderId()),
                PaymentId.of(body.paymentId()),
                body.amount(),
                currency("currency", body.currency()),
                body.reason(),
                endpoint.occurredAt(body.occurredAt()));
        return endpoint.create(
                request, body, command, AggregateTypes.REFUND, body.refundId(), "/api/v1/refunds/" + body.refundId());
    }

    @PostMapping(path = "/{refundId}/approval")
    public ResponseEntity<String> approve(
            @PathVariable String refundId,
            @Valid @RequestBody(required = false) RefundRequests.ApproveRefund body,
            HttpServletRequest request) {
        var given = body == null ? new RefundRequests.ApproveRefund(null) : body;
        var command = new ApproveRefundCommand(
                RefundId.of(pathId("refundId", refundId)), endpoint.occurredAt(given.occurredAt()));
        return endpoint.change(request, given, command, AggregateTypes.REFUND, refundId);
    }

    @PostMapping(path = "/{refundId}/rejection", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> reject(
            @PathVariable String refundId,
            @Valid @RequestBody RefundRequests.RejectRefund body,
            HttpServletRequest request) {
        var command = new RejectRefundCommand(
                RefundId.of(pathId("refundId", refundId)), body.reason(), endpoint.occurredAt(body.occurredAt()));
        return endpoint.change(request, body, command, AggregateTypes.REFUND, refundId);
    }

    @PostMapping(path = "/{refundId}/completion")
    public ResponseEntity<String> complete(
            @PathVariable String refundId,
            @Valid @RequestBody(required = false) RefundRequests.CompleteRefund body,
            HttpServletRequest request) {
        var given = body == null ? new RefundRequests.CompleteRefund(null) : body;
        var command = new CompleteRefundCommand(
                RefundId.of(pathId("refundId", refundId)), endpoint.occurredAt(given.occurredAt()));
        return endpoint.change(request, given, command, AggregateTypes.REFUND, refundId);
    }
}
