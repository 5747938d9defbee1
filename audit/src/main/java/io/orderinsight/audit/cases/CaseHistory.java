package io.orderinsight.audit.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderinsight.domain.customer.PersonalDataReader;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.MetadataKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An order's case: every event of the order, its payments (with their disputes) and its refunds, in global order,
 * read straight from the event store. Personal data is shown read with the customer's key in place of the sealed
 * field ({@code personalData}: status AVAILABLE and the fields, or ERASED once the key was destroyed).
 */
public class CaseHistory {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PersonalDataReader personalData;

    public CaseHistory(JdbcTemplate jdbc, ObjectMapper json, PersonalDataReader personalData) {
        this.jdbc = jdbc;
        this.json = json;
        this.personalData = personalData;
    }

    /** The case's events in global order; empty when the order is unknown. */
    public List<CaseEvent> of(String orderId) {
        List<String> members = new java.util.ArrayList<>(
                jdbc.queryForList("select aggregate_id from case_member where order_id = ?", String.class, orderId));
        if (!members.contains(orderId)) {
            members.add(orderId);
        }
        String[] aggregates = members.toArray(String[]::new);
        return jdbc.query(
                "select e.eventidentifier, e.payloadtype, e.type, e.aggregateidentifier, e.sequencenumber,"
                        + " e.globalindex, e.timestamp, e.payload, e.metadata, h.chain_seq, h.hash"
                        + " from domainevententry e left join hash_chain h on h.event_id = e.eventidentifier"
                        + " where e.aggregateidentifier = any(?)"
                        + " and e.type in ('Order', 'Payment', 'Refund')"
                        + " order by e.globalindex",
                (row, index) -> {
                    JsonNode payload = read(row.getBytes(8));
                    JsonNode metadata = read(row.getBytes(9));
                    if (payload instanceof ObjectNode object && object.has(PersonalFields.SEALED)) {
                        JsonNode sealed = object.remove(PersonalFields.SEALED);
                        if (!sealed.isNull()) {
                            object.set(PersonalFields.SHOWN, shown(object, sealed.asText()));
                        }
                    }
                    String payloadType = row.getString(2);
                    return new CaseEvent(
                            row.getString(1),
                            payloadType.substring(payloadType.lastIndexOf('.') + 1),
                            row.getString(3),
                            row.getString(4),
                            row.getLong(5),
                            row.getLong(6),
                            Instant.parse(row.getString(7)),
                            payload.hasNonNull("occurredAt")
                                    ? Instant.parse(payload.get("occurredAt").asText())
                                    : null,
                            text(metadata, MetadataKeys.PRINCIPAL),
                            text(metadata, MetadataKeys.CORRELATION_ID),
                            text(metadata, MetadataKeys.CAUSATION_ID),
                            (Long) row.getObject(10, Long.class),
                            row.getString(11),
                            payload);
                },
                (Object) aggregates);
    }

    private JsonNode shown(ObjectNode payload, String sealed) {
        ObjectNode shown = json.createObjectNode();
        personalData
                .unseal(CustomerId.of(payload.path(PersonalFields.CUSTOMER_ID).asText()), sealed)
                .ifPresentOrElse(
                        data -> {
                            shown.put("status", "AVAILABLE");
                            shown.setAll((ObjectNode) json.valueToTree(data));
                        },
                        () -> shown.put("status", "ERASED"));
        return shown;
    }

    private JsonNode read(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
