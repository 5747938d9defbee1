package io.orderinsight.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

    private final EventSchemas schemas = new EventSchemas();

    @Test
    void everyPublishedTypeHasAClosedSchemaWithMoneyAsMinorAndCurrency() {
        assertThat(schemas.all().keySet()).containsExactlyInAnyOrderElementsOf(CloudEventTypes.TYPES.values());
        JsonNode captured = schemas.of("orderinsight.payment.captured").orElseThrow();
        assertThat(captured.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(captured.path("properties").path("paymentId").path("type").asText())
                .isEqualTo("string");
        assertThat(captured.path("properties").path("occurredAt").path("format").asText())
                .isEqualTo("date-time");
        assertThat(captured.path("properties").path("amount").path("$ref").asText())
                .isEqualTo("#/$defs/Money");
        JsonNode money = captured.path("$defs").path("Money");
        assertThat(money.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(money.path("properties").properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("minor", "currency");
        assertThat(money.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("minor", "currency");
    }

    @Test
    void sealedPersonalDataIsNotPartOfThePublishedOrder() {
        assertThat(schemas.of("orderinsight.order.placed")
                        .orElseThrow()
                        .path("properties")
                        .has("sealedPersonalData"))
                .isFalse();
    }
}
