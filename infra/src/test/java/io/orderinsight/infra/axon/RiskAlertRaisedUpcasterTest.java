package io.orderinsight.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import io.orderinsight.domain.risk.SubjectType;
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

/** An alert stored at revision 1 is read as revision 2, with no anomaly and everything else as it was. */
class RiskAlertRaisedUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    @Test
    void readsARevisionOneAlertWithoutAnomaly() {
        String stored = """
                {"alertId":{"value":"alert-1"},"ruleId":"geo-mismatch","ruleVersion":3,"subjectType":"ORDER",
                 "subjectId":"o-1","customerId":"c-1","sellerId":"s-1","orderId":"o-1","evidence":["e-1"],
                 "moneyAtRisk":null,"action":"ALERT","detail":"billing, shipping and IP differ",
                 "occurredAt":"2026-03-01T10:00:00Z"}
                """;
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(
                "Alert",
                "alert-1",
                0,
                "event-1",
                Instant.parse("2026-03-01T10:00:01Z"),
                RiskAlertRaisedEvent.class.getName(),
                "1",
                stored.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        List<IntermediateEventRepresentation> upcast = new EventUpcasterChain(new RiskAlertRaisedUpcaster())
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer)))
                .collect(Collectors.toList());

        assertThat(upcast).hasSize(1);
        SerializedType type = upcast.get(0).getType();
        assertThat(type.getRevision()).isEqualTo("2");
        RiskAlertRaisedEvent alert = serializer.deserialize(new SimpleSerializedObject<>(
                upcast.get(0)
                        .getData(com.fasterxml.jackson.databind.JsonNode.class)
                        .getData(),
                com.fasterxml.jackson.databind.JsonNode.class,
                new SimpleSerializedType(type.getName(), type.getRevision())));
        assertThat(alert.anomaly()).isNull();
        assertThat(alert.ruleId()).isEqualTo("geo-mismatch");
        assertThat(alert.subjectType()).isEqualTo(SubjectType.ORDER);
        assertThat(alert.evidence()).containsExactly("e-1");
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    }
}
