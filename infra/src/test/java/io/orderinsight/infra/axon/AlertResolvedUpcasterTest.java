package io.orderinsight.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** A resolution stored at revision 1 is read as revision 2: its order is its subject's id when that is an order. */
class AlertResolvedUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    @Test
    void namesTheOrderOfAnAlertAboutAnOrder() {
        AlertResolvedEvent resolved = read("ORDER", "o-1");

        assertThat(resolved.orderId()).isEqualTo("o-1");
        assertThat(resolved.outcome()).isEqualTo(AlertStatus.FALSE_POSITIVE);
        assertThat(resolved.occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void namesNoOrderForAnyOtherSubject() {
        AlertResolvedEvent resolved = read("CUSTOMER", "c-1");

        assertThat(resolved.orderId()).isNull();
        assertThat(resolved.subjectId()).isEqualTo("c-1");
    }

    private AlertResolvedEvent read(String subjectType, String subjectId) {
        String stored = """
                {"alertId":{"value":"alert-1"},"ruleId":"geo-mismatch","subjectType":"%s","subjectId":"%s",
                 "customerId":"c-1","sellerId":"s-1","action":"ALERT","outcome":"FALSE_POSITIVE","note":"known",
                 "occurredAt":"2026-03-01T10:00:00Z"}
                """.formatted(subjectType, subjectId);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(
                "Alert",
                "alert-1",
                1,
                "event-2",
                Instant.parse("2026-03-01T10:00:01Z"),
                AlertResolvedEvent.class.getName(),
                "1",
                stored.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = new EventUpcasterChain(new AlertResolvedUpcaster())
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer)))
                .collect(Collectors.toList());
        assertThat(upcast).hasSize(1);
        SerializedType type = upcast.get(0).getType();
        assertThat(type.getRevision()).isEqualTo("2");
        return serializer.deserialize(new SimpleSerializedObject<>(
                upcast.get(0).getData(JsonNode.class).getData(),
                JsonNode.class,
                new SimpleSerializedType(type.getName(), type.getRevision())));
    }
}
