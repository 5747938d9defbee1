package io.orderinsight.command.api;

import io.orderinsight.web.Callers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The refund commands over HTTP: requesting, approving and rejecting (decisions), completion (a fact). */
@RestController
@RequestMapping(
        path = "/api/v1/refunds",
        produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
public class RefundCommandController {

    /** The role that decides refunds held for review. */
    private static final String RISK = "RISK";

    private final CommandEndpoint endpoint;

    public RefundCommandController(CommandEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> request(
            @Valid @RequestBody RefundRequests.RequestRefund body, HttpServletRequest request) {
        return endpoint.submit(request, body, CommandMapping.requestRefund(body, endpoint.receipt()));
    }

    @PostMapping(path = "/{refundId}/approval")
    public ResponseEntity<String> approve(
            @PathVariable String refundId,
            @Valid @RequestBody(required = false) RefundRequests.ApproveRefund body,
            HttpServletRequest request) {
        var given = body == null ? new RefundRequests.ApproveRefund(null) : body;
        return endpoint.submit(
                request, given, CommandMapping.approveRefund(refundId, given, endpoint.receipt(), Callers.holds(RISK)));
    }

    @PostMapping(path = "/{refundId}/rejection", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> reject(
            @PathVariable String refundId,
            @Valid @RequestBody RefundRequests.RejectRefund body,
            HttpServletRequest request) {
        return endpoint.submit(
                request, body, CommandMapping.rejectRefund(refundId, body, endpoint.receipt(), Callers.holds(RISK)));
    }

    @PostMapping(path = "/{refundId}/completion")
    public ResponseEntity<String> complete(
            @PathVariable String refundId,
            @Valid @RequestBody(required = false) RefundRequests.CompleteRefund body,
            HttpServletRequest request) {
        var given = body == null ? new RefundRequests.CompleteRefund(null) : body;
        return endpoint.submit(request, given, CommandMapping.completeRefund(refundId, given, endpoint.receipt()));
    }
}
