package io.orderinsight.infra.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.query.ViewNotFoundException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The JSON Schema of each event type published on Kafka ({@link EventSchemas}), for any authenticated caller. */
@RestController
@RequestMapping(EventSchemaController.PATH)
public class EventSchemaController {

    static final String PATH = "/api/v1/schemas/events";
    static final String SCHEMA_JSON = "application/schema+json";

    private final EventSchemas schemas;

    public EventSchemaController(EventSchemas schemas) {
        this.schemas = schemas;
    }

    /** The JSON Schema of every published event type, by its {@code ce_type}. */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, JsonNode> all() {
        return schemas.all();
    }

    /** The JSON Schema of one published event type (a record's {@code ce_type} header); 404 for another name. */
    @GetMapping(
            path = "/{ceType}",
            produces = {SCHEMA_JSON, MediaType.APPLICATION_JSON_VALUE})
    public JsonNode one(@PathVariable String ceType) {
        return schemas.of(ceType)
                .orElseThrow(() -> new ViewNotFoundException(
                        "EVENT_TYPE_NOT_FOUND",
                        "no published event type " + ceType + "; the types are "
                                + schemas.all().keySet()));
    }
}
