package io.orderinsight.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.infra.kafka.EmbeddedKafka;
import io.orderinsight.infra.kafka.KafkaRecords;
import io.orderinsight.infra.kafka.KafkaSettings;
import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.infra.support.Commands;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.test.context.TestPropertySource;

/**
 * The node's read-only mode, on a context of its own (the database is set read-only, which every processor writing
 * to PostgreSQL meets): while the database takes no writes, commands are answered 503 READ_ONLY with Retry-After and
 * change nothing, queries and health keep answering (health says DEGRADED), Kafka command records wait on the topic —
 * neither answered nor parked — and once the database writes again, everything goes on by itself.
 */
@TestPropertySource(properties = "orderinsight.writes.probe-interval=PT0.5S")
class ReadOnlyIT extends ApplicationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private EmbeddedKafka broker;

    @Autowired
    private KafkaSettings settings;

    @AfterEach
    void writable() {
        readOnly(false);
    }

    @Test
    void aDatabaseThatTakesNoWritesTurnsTheNodeReadOnlyUntilItWritesAgain() throws Exception {
        String before = unique("o-ro");
        assertThat(api.post("/api/v1/orders", Commands.placeOrder(before, "c-ro", "USD", 1500, 1))
                        .status())
                .isEqualTo(201);
        assertThat(api.commands()).isEqualTo("ACCEPTED");

        readOnly(true);
        await().atMost(Duration.ofSeconds(20)).until(api::commands, "READ_ONLY"::equals);

        String during = unique("o-ro");
        Api.Reply refused = api.post(
                "/api/v1/orders",
                Commands.placeOrder(during, "c-ro", "USD", 1500, 1),
                Map.of("Idempotency-Key", unique("key")));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("READ_ONLY");
        assertThat(refused.retryAfter())
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(events.eventTypesOf(during)).isEmpty();

        JsonNode status = api.get("/api/v1/status").json();
        assertThat(status.path("readOnlySince").asText()).isNotBlank();
        assertThat(status.path("reason").asText()).contains("read-only");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/orders/" + before).status() == 200);
        Api.Reply health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.json()
                        .path("components")
                        .path("writes")
                        .path("status")
                        .asText())
                .isEqualTo("DEGRADED");
        assertThat(api.metric("orderinsight.writes.read-only")).isEqualTo(1.0);

        String viaKafka = unique("o-ro-k");
        String commandId = unique("cmd-ro");
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(
                            settings.topics().commands(),
                            viaKafka,
                            command(commandId, Commands.placeOrder(viaKafka, "c-ro", "USD", 900, 1))))
                    .get();
        }
        try (KafkaRecords results = new KafkaRecords(
                        broker.bootstrapServers(), settings.topics().commandResults());
                KafkaRecords parked = new KafkaRecords(
                        broker.bootstrapServers(), settings.topics().commandsDlq())) {
            assertThat(results.await(record -> commandId.equals(record.key()), 1, Duration.ofSeconds(5)))
                    .as("no result while read-only: the record waits on the topic")
                    .isEmpty();
            assertThat(parked.await(record -> viaKafka.equals(record.key()), 1, Duration.ofSeconds(1)))
                    .as("nothing parked while read-only")
                    .isEmpty();
            assertThat(events.eventTypesOf(viaKafka)).isEmpty();

            readOnly(false);
            await().atMost(Duration.ofSeconds(20)).until(api::commands, "ACCEPTED"::equals);

            List<ConsumerRecord<String, byte[]>> answered =
                    results.await(record -> commandId.equals(record.key()), 1, Duration.ofSeconds(60));
            assertThat(answered)
                    .as("the waiting record runs once writes are back")
                    .hasSize(1);
            assertThat(JSON.readTree(answered.get(0).value()).path("status").asText())
                    .isEqualTo("ACCEPTED");
            assertThat(parked.await(record -> viaKafka.equals(record.key()), 1, Duration.ofSeconds(1)))
                    .isEmpty();
        }
        assertThat(api.post("/api/v1/orders", Commands.placeOrder(during, "c-ro", "USD", 1500, 1))
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/actuator/health")
                        .json()
                        .path("components")
                        .path("writes")
                        .path("status")
                        .asText())
                .isEqualTo("UP");
        assertThat(api.metric("orderinsight.writes.read-only")).isEqualTo(0.0);
    }

    /** Sets the database read-only, as a standby is, or back; on a connection that may write whatever the setting. */
    private void readOnly(boolean on) {
        jdbc().execute((ConnectionCallback<Void>) connection -> {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
                statement.execute(
                        on
                                ? "ALTER SYSTEM SET default_transaction_read_only = on"
                                : "ALTER SYSTEM RESET default_transaction_read_only");
                statement.execute("SELECT pg_reload_conf()");
                // the connection goes back to the pool: without its own setting it follows the server's, like the
                // others (the write probe may be handed this one, and would otherwise never see the database read-only)
                statement.execute("RESET default_transaction_read_only");
            }
            return null;
        });
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static byte[] command(String commandId, String payload) {
        return ("{\"type\":\"PlaceOrder\",\"commandId\":\"" + commandId + "\",\"payload\":" + payload + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
