package io.orderinsight.command.api;

import static io.orderinsight.command.api.CommandEndpoint.currency;
import static io.orderinsight.command.api.CommandEndpoint.pathId;

import io.orderinsight.command.support.AggregateTypes;
import io.orderinsight.domain.order.OrderId;
import io.orderinsight.domain.payment.CapturePaymentCommand;
import io.orderinsight.domain.payment.DisputeId;
import io.orderinsight.domain.payment.OpenDisputeCommand;
import io.orderinsight.domain.payment.PaymentId;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.RecordPaymentCommand;
import io.orderinsight.domain.payment.ResolveDisputeCommand;
import io.orderinsight.domain.payment.VoidPaymentCommand;
import io.orderinsight.domain.shared.Money;
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
        path = "/api/v1/payments",
        produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
public class PaymentCommandController {

    private final CommandEndpoint endpoint;

    public PaymentCommandController(CommandEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> record(
            @Valid @RequestBody PaymentRequests.RecordPayment body, HttpServletRequest request) {
        var command = new RecordPaymentCommand(
                PaymentId.of(body.paymentId()),
                OrderId.of(body.orderId()),
                Money.of(body.amount(), currency("currency", body.currency())),
                body.method(),
                body.outcome(),
                body.declineReason(),
                new PaymentInstrument(body.cardFingerprint(), body.ipCountry(), body.billingCountry()),
                endpoint.occurredAt(body.occurredAt()));
        return endpoint.create(
                request,
                body,
                command,
                AggregateTypes.PAYMENT,
                body.paymentId(),
                "/api/v1/payments/" + body.paymentId());
    }

    @PostMapping(path = "/{paymentId}/capture", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> capture(
            @PathVariable String paymentId,
            @Valid @RequestBody PaymentRequests.CapturePayment body,
            HttpServletRequest request) {
        var command = new CapturePaymentCommand(
                PaymentId.of(pathId("paymentId", paymentId)), body.amount(), endpoint.occurredAt(body.occurredAt()));
        return endpoint.change(request, body, command, AggregateTypes.PAYMENT, paymentId);
    }

    @PostMapping(path = "/{paymentId}/void")
    public ResponseEntity<String> voidRemainder(
            @PathVariable String paymentId,
            @Valid @RequestBody(required = false) PaymentRequests.VoidPayment body,
            HttpServletRequest request) {
        var given = body == null ? new PaymentRequests.VoidPayment(null) : body;
        var command = new VoidPaymentCommand(
                PaymentId.of(pathId("paymentId", paymentId)), endpoint.occurredAt(given.occurredAt()));
        return endpoint.change(request, given, command, AggregateTypes.PAYMENT, paymentId);
    }

    @PostMapping(path = "/{paymentId}/disputes", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> openDispute(
            @PathVariable String paymentId,
            @Valid @RequestBody PaymentRequests.OpenDispute body,
            HttpServletRequest request) {
        var command = new OpenDisputeCommand(
                PaymentId.of(pathId("paymentId", paymentId)),
                DisputeId.of(body.disputeId()),
                body.amount(),
                body.reason(),
                endpoint.occurredAt(body.occurredAt()));
        return endpoint.create(
                request,
                body,
                command,
                AggregateTypes.PAYMENT,
                paymentId,
                "/api/v1/payments/" + paymentId + "/disputes/" + body.disputeId());
    }

    @PostMapping(path = "/{paymentId}/disputes/{disputeId}/resolution", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> resolveDispute(
            @PathVariable String paymentId,
            @PathVariable String disputeId,
            @Valid @RequestBody PaymentRequests.ResolveDispute body,
            HttpServletRequest request) {
        var command = new ResolveDisputeCommand(
                PaymentId.of(pathId("paymentId", paymentId)),
                DisputeId.of(pathId("disputeId", disputeId)),
                body.outcome(),
                endpoint.occurredAt(body.occurredAt()));
        return endpoint.change(request, body, command, AggregateTypes.PAYMENT, paymentId);
    }
}
