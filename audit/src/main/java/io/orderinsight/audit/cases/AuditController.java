package io.orderinsight.audit.cases;

import io.orderinsight.audit.AuditParameters;
import io.orderinsight.audit.access.AccessLog;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.Identifier;
import io.orderinsight.domain.shared.RejectionCode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditors' view of a case: its history, its state as of a recorded time or a version, and who read what. Every
 * read of a case is itself recorded in the access log.
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class AuditController {

    private final CaseHistory history;
    private final CaseState state;
    private final AccessLog access;
    private final Clock clock;

    public AuditController(CaseHistory history, CaseState state, AccessLog access, Clock clock) {
        this.history = history;
        this.state = state;
        this.access = access;
        this.clock = clock;
    }

    public record History(String orderId, List<CaseEvent> items) {}

    @GetMapping("/orders/{orderId}/events")
    public History events(@PathVariable String orderId) {
        String id = orderId(orderId);
        List<CaseEvent> events = history.of(id);
        if (events.isEmpty()) {
            throw new CommandRejectedException(RejectionCode.ORDER_NOT_FOUND, "order " + id + " not found");
        }
        access.record("case-history", id, null);
        return new History(id, events);
    }

    @GetMapping("/orders/{orderId}/state")
    public CaseState.View state(
            @PathVariable String orderId,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Integer version) {
        String id = orderId(orderId);
        if (asOf != null && version != null) {
            throw CommandRejectedException.invalid("asOf", "give asOf or version, not both");
        }
        Instant at = asOf == null ? clock.instant() : AuditParameters.instant("asOf", asOf);
        CaseState.View view = state.of(id, version == null ? at : null, version);
        access.record("case-state", id, version != null ? "version=" + version : "asOf=" + at);
        return view;
    }

    @GetMapping("/access-log")
    public AccessLog.Page accessLog(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw CommandRejectedException.invalid("page", "page must not be negative");
        }
        if (size < 1 || size > 200) {
            throw CommandRejectedException.invalid("size", "size must be between 1 and 200");
        }
        return access.between(
                from == null ? null : AuditParameters.instant("from", from),
                to == null ? null : AuditParameters.instant("to", to),
                page,
                size);
    }

    private static String orderId(String orderId) {
        if (!Identifier.PATTERN.matcher(orderId).matches()) {
            throw new CommandRejectedException(RejectionCode.ORDER_NOT_FOUND, "order " + orderId + " not found");
        }
        return orderId;
    }
}
