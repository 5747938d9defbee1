package io.orderinsight.infra.commands;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.kafka.EmbeddedKafka;
import io.orderinsight.infra.kafka.KafkaRecords;
import io.orderinsight.infra.kafka.KafkaSettings;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Times enter only between 2000-01-01 and the receipt time plus the configured skew (15 minutes): an {@code occurredAt}
 * outside it is refused on every edge and stores nothing, a query window outside it is a 400 naming the parameter.
 */
class TimeRangesIT extends ApplicationIT {

    private static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";

    @Autowired
    private EmbeddedKafka broker;

    @Autowired
    private KafkaSettings settings;

    @ParameterizedTest
    @ValueSource(strings = {FAR_FUTURE, "-999999999-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "in an hour"})
    void refusesAnOccurredAtOutsideTheAcceptedTimesAndStoresNothing(String occurredAt) {
        String at = occurredAt.equals("in an hour")
                ? Instant.now().plus(1, ChronoUnit.HOURS).toString()
                : occurredAt;
        String order = unique("o");
        long before = events.eventCount();

        Reply reply = api.post("/api/v1/orders", withOccurredAt(placeOrder(order, unique("c"), "USD", 100, 1), at));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("occurredAt");
        assertThat(reply.json().path("detail").asText()).doesNotContain("Exception");
        assertThat(events.eventTypesOf(order)).isEmpty();
        assertThat(api.get("/api/v1/orders/" + order).status()).isEqualTo(404);
        assertThat(events.eventCount()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void acceptsAnOccurredAtWithinTheSkewAndFromTheEarliestDay() {
        String soon = unique("o");
        String early = unique("o");

        assertThat(api.post(
                                "/api/v1/orders",
                                withOccurredAt(
                                        placeOrder(soon, unique("c"), "USD", 100, 1),
                                        Instant.now()
                                                .plus(5, ChronoUnit.MINUTES)
                                                .toString()))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                "/api/v1/orders",
                                withOccurredAt(placeOrder(early, unique("c"), "USD", 100, 1), "2000-01-01T00:00:00Z"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void refusesAFollowUpCommandOutsideTheAcceptedTimes() {
        String order = unique("o");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 100, 1));

        Reply reply = api.post(
                "/api/v1/orders/" + order + "/shipment",
                "{\"carrier\":\"DHL\",\"trackingNumber\":\"t-1\",\"occurredAt\":\"" + FAR_FUTURE + "\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("occurredAt");
        assertThat(events.eventTypesOf(order)).containsExactly("OrderPlacedEvent");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/insights/overview?to=" + FAR_FUTURE,
                "/api/v1/insights/sales?from=1970-01-01T00:00:00Z",
                "/api/v1/insights/funnel?to=" + FAR_FUTURE,
                "/api/v1/insights/losses?from=-999999999-01-01T00:00:00Z",
                "/api/v1/orders?to=" + FAR_FUTURE,
                "/api/v1/alerts?from=" + FAR_FUTURE,
                "/api/v1/audit/orders/o-1/state?asOf=" + FAR_FUTURE,
            })
    void refusesQueryTimesOutsideTheAcceptedTimesNamingTheParameter(String path) {
        Reply reply = api.get(path.replace("+", "%2B"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
        String parameter = path.substring(path.indexOf('?') + 1, path.indexOf('='));
        assertThat(reply.body()).contains(parameter);
    }

    @Test
    void parksAKafkaCommandWhoseOccurredAtIsOutsideTheAcceptedTimes() throws Exception {
        String order = unique("o");
        String commandId = unique("cmd");
        String payload = withOccurredAt(placeOrder(order, unique("c"), "USD", 100, 1), FAR_FUTURE);
        byte[] value = ("{\"type\":\"PlaceOrder\",\"commandId\":\"" + commandId + "\",\"payload\":" + payload + "}")
                .getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(settings.topics().commands(), order, value))
                    .get();
        }

        try (KafkaRecords dead =
                new KafkaRecords(broker.bootstrapServers(), settings.topics().commandsDlq())) {
            List<ConsumerRecord<String, byte[]>> parked =
                    dead.await(record -> order.equals(record.key()), 1, Duration.ofSeconds(30));
            assertThat(parked).hasSize(1);
            assertThat(KafkaRecords.header(parked.get(0), "error_code")).isEqualTo("VALIDATION_FAILED");
            assertThat(KafkaRecords.header(parked.get(0), "error_message")).contains("occurredAt");
        }
        assertThat(events.eventTypesOf(order)).isEmpty();
    }

    private static String withOccurredAt(String body, String occurredAt) {
        String trimmed = body.strip();
        return trimmed.substring(0, trimmed.length() - 1) + ",\"occurredAt\":\"" + occurredAt + "\"}";
    }
}
