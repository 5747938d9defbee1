package io.orderinsight.infra.generations;

import io.orderinsight.audit.AuditParameters;
import io.orderinsight.audit.jobs.JobAccepted;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.query.InsightQueryController;
import io.orderinsight.query.Window;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit/insights/overview?asOf=…&compare=true}: the overview as it stood at {@code asOf}, rebuilt
 * in isolation, with the difference to today when asked; a job (202 and its location), since it replays history.
 * The window ({@code from}, {@code to}) and {@code currency} are those of the live overview.
 */
@RestController
public class AsOfInsightController {

    private final AsOfInsight asOfInsight;

    public AsOfInsightController(AsOfInsight asOfInsight) {
        this.asOfInsight = asOfInsight;
    }

    @GetMapping(path = "/api/v1/audit/insights/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<JobAccepted> overview(
            @RequestParam(required = false) String asOf,
            @RequestParam(defaultValue = "false") boolean compare,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String currency) {
        if (asOf == null || asOf.isBlank()) {
            throw CommandRejectedException.invalid("asOf", "asOf is required (ISO-8601, e.g. 2026-01-31T00:00:00Z)");
        }
        Instant at = AuditParameters.instant("asOf", asOf);
        Window window = Window.of(from, to);
        return JobAccepted.of(asOfInsight.start(
                at, compare, window.from(), window.to(), InsightQueryController.currencyCode(currency)));
    }
}
