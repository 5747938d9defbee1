package io.orderinsight.infra.admin;

import io.orderinsight.infra.axon.ProcessorLag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/processors}: every event processor of this node — read models, fraud rules and deadlines,
 * the audit's chain and index, the Kafka publisher, generations being rebuilt — with its status, the segments it holds
 * here, its position, and how far it is behind the event store in events and in milliseconds ({@link ProcessorLag}).
 * {@code GET /api/v1/admin/projections} tells the read models' generations and rebuilds.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/processors", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProcessorController {

    private final ProcessorLag lag;

    public ProcessorController(ProcessorLag lag) {
        this.lag = lag;
    }

    public record Processors(List<ProcessorLag.Lag> items) {}

    @GetMapping
    public Processors list() {
        return new Processors(lag.measure());
    }
}
