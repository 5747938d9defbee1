package io.orderinsight.infra.web;

import io.orderinsight.command.api.WriteAvailability;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/status}: whether this node takes commands now. {@code {"commands":"ACCEPTED"}}, or while no
 * writable primary is there {@code {"commands":"READ_ONLY","readOnlySince":…,"reason":…}} — what the dashboard shows
 * in its header, and what a client may ask before it sends.
 */
@RestController
public class StatusController {

    private final WriteAvailability writes;

    public StatusController(WriteAvailability writes) {
        this.writes = writes;
    }

    @GetMapping("/api/v1/status")
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        writes.readOnly()
                .ifPresentOrElse(
                        readOnly -> {
                            status.put("commands", "READ_ONLY");
                            status.put("readOnlySince", readOnly.since().toString());
                            status.put("reason", readOnly.reason());
                        },
                        () -> status.put("commands", "ACCEPTED"));
        return status;
    }
}
