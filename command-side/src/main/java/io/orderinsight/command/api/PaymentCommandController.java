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

/** The payment commands over HTTP: payments, captures, voids and disputes, all facts. */
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
        return endpoint.submit(request, body, CommandMapping.recordPayment(body, endpoint.receipt()));
    }

    @PostMapping(path = "/{paymentId}/capture", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> capture(
            @PathVariable String paymentId,
            @Valid @RequestBody PaymentRequests.CapturePayment body,
            HttpServletRequest request) {
        return endpoint.submit(request, body, CommandMapping.capturePayment(paymentId, body, endpoint.receipt()));
    }

    @PostMapping(path = "/{paymentId}/void")
    public ResponseEntity<String> voidRemainder(
            @PathVariable String paymentId,
            @Valid @RequestBody(required = false) PaymentRequests.VoidPayment body,
            HttpServletRequest request) {
        var given = body == null ? new PaymentRequests.VoidPayment(null) : body;
        return endpoint.submit(request, given, CommandMapping.voidPayment(paymentId, given, endpoint.receipt()));
    }

    @PostMapping(path = "/{paymentId}/disputes", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> openDispute(
            @PathVariable String paymentId,
            @Valid @RequestBody PaymentRequests.OpenDispute body,
            HttpServletRequest request) {
        return endpoint.submit(request, body, CommandMapping.openDispute(paymentId, body, endpoint.receipt()));
    }

    @PostMapping(path = "/{paymentId}/disputes/{disputeId}/resolution", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> resolveDispute(
            @PathVariable String paymentId,
            @PathVariable String disputeId,
            @Valid @RequestBody PaymentRequests.ResolveDispute body,
            HttpServletRequest request) {
        return endpoint.submit(
                request, body, CommandMapping.resolveDispute(paymentId, disputeId, body, endpoint.receipt()));
    }
}
