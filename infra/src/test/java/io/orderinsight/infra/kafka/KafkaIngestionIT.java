package io.orderinsight.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderinsight.infra.support.ApplicationIT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A standard Kafka client drives the system through {@code orderinsight.commands}: each command's outcome comes back on
 * {@code orderinsight.command-results}, its events on {@code orderinsight.events}; a record that cannot be handled is
 * parked in the dead-letter topic with its reason and the next one still runs; a command sent twice has one effect.
 */
class KafkaIngestionIT extends ApplicationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private EmbeddedKafka broker;

    @Autowired
    private KafkaSettings settings;

    @Autowired
    private MeterRegistry meters;

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void openProducer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    /** The commands topics may hold personal data in plain text: they keep records for 72 hours, no longer. */
    @Test
    void theCommandsTopicAndItsDeadLettersKeepRecordsFor72Hours() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            for (String topic :
                    List.of(settings.topics().commands(), settings.topics().commandsDlq())) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config =
                        admin.describeConfigs(List.of(resource)).all().get().get(resource);

                assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
                        .as(topic)
                        .isEqualTo(Long.toString(Duration.ofHours(72).toMillis()));
            }
        }
    }

    @Test
    void runsACommandAndAnswersWithItsResultAndEvents() throws Exception {
        String order = unique("o");
        String commandId = unique("cmd");
        ProducerRecord<String, byte[]> sent = new ProducerRecord<>(
                settings.topics().commands(), order, command("PlaceOrder", commandId, placeOrder(order)));
        sent.headers().add("producer", "checkout-service".getBytes(StandardCharsets.UTF_8));
        producer.send(sent).get();

        JsonNode result = result(commandId);
        assertThat(result.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(result.path("id").asText()).isEqualTo(order);
        assertThat(result.path("version").asLong()).isEqualTo(1);
        try (KafkaRecords events = KafkaRecords.published(
                broker.bootstrapServers(),
                settings.topics().events(),
                api.get(SCHEMAS).body())) {
            List<ConsumerRecord<String, byte[]>> placed =
                    events.await(record -> order.equals(record.key()), 1, Duration.ofSeconds(30));
            assertThat(placed).hasSize(1);
            assertThat(KafkaRecords.header(placed.get(0), "ce_type")).isEqualTo("orderinsight.order.placed");
        }
        assertThat(jdbc().queryForObject(
                                "select convert_from(metadata, 'UTF8') from domainevententry where aggregateidentifier = ?",
                                String.class,
                                order))
                .contains("\"source\":\"kafka\"")
                .contains("\"principal\":\"kafka:orderinsight.commands\"")
                .contains("\"kafkaRecord\":\"" + settings.topics().commands() + "-")
                .contains("\"kafkaProducer\":\"checkout-service\"")
                .contains(commandId);
    }

    @Test
    void answersARejectionOnTheResultsTopicNotTheDeadLetters() throws Exception {
        String order = unique("o");
        String payment = unique("p");
        send(order, command("PlaceOrder", unique("cmd"), placeOrder(order)));
        send(order, command("RecordPayment", unique("cmd"), """
                {"paymentId":"%s","orderId":"%s","amount":5000,"currency":"USD","method":"CARD","outcome":"AUTHORIZED"}
                """.formatted(payment, order)));
        String capture = unique("cmd");
        send(order, command("CapturePayment", capture, """
                {"paymentId":"%s","orderId":"%s","amount":9000}
                """.formatted(payment, order)));

        JsonNode result = result(capture);
        assertThat(result.path("status").asText()).isEqualTo("REJECTED");
        assertThat(result.path("code").asText()).isEqualTo("CAPTURE_EXCEEDS_AUTHORIZED");
        assertThat(result.path("detail").asText()).isNotBlank();
    }

    @Test
    void parksEachPoisonRecordWithItsReasonAndKeepsTheNextOneFlowing() throws Exception {
        String order = unique("o");
        byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
        send(order, notJson);
        send(order, command("LaunchRocket", unique("cmd"), "{\"orderId\":\"" + order + "\"}"));
        send(order, command("CancelOrder", unique("cmd"), "{\"orderId\":\"" + order + "\"}"));
        send("someone-else", command("PlaceOrder", unique("cmd"), placeOrder(order)));
        send(
                order,
                ("{\"type\":\"PlaceOrder\",\"commandId\":\"big\",\"payload\":{\"orderId\":\"" + order + "\",\"pad\":\""
                                + "x".repeat(70_000) + "\"}}")
                        .getBytes(StandardCharsets.UTF_8));
        String next = unique("cmd");
        send(order, command("PlaceOrder", next, placeOrder(order)));

        assertThat(result(next).path("status").asText()).isEqualTo("ACCEPTED");
        try (KafkaRecords dead =
                new KafkaRecords(broker.bootstrapServers(), settings.topics().commandsDlq())) {
            List<ConsumerRecord<String, byte[]>> parked = dead.await(
                    record -> order.equals(record.key()) || "someone-else".equals(record.key()),
                    5,
                    Duration.ofSeconds(30));
            assertThat(parked)
                    .extracting(record -> KafkaRecords.header(record, "error_code"))
                    .containsExactlyInAnyOrder(
                            "NOT_JSON", "UNKNOWN_TYPE", "VALIDATION_FAILED", "KEY_MISMATCH", "PAYLOAD_TOO_LARGE");
            ConsumerRecord<String, byte[]> first = parked.stream()
                    .filter(record -> "NOT_JSON".equals(KafkaRecords.header(record, "error_code")))
                    .findFirst()
                    .orElseThrow();
            assertThat(first.value()).isEqualTo(notJson);
            assertThat(KafkaRecords.header(first, "source_topic"))
                    .isEqualTo(settings.topics().commands());
            assertThat(KafkaRecords.header(first, "source_offset")).isNotBlank();
            assertThat(KafkaRecords.header(first, "error_message")).startsWith("the record's value is not JSON");
            assertThat(parked)
                    .filteredOn(record -> "VALIDATION_FAILED".equals(KafkaRecords.header(record, "error_code")))
                    .extracting(record -> KafkaRecords.header(record, "error_message"))
                    .containsExactly("payload.reason must not be blank");
        }
        assertThat(events.commandEventCount()).isPositive();
        assertThat(events.eventTypesOf(order)).containsExactly("OrderPlacedEvent");
    }

    @Test
    void parksCoercedNumbersDuplicateKeysAndTrailingContentAsValidationFailures() throws Exception {
        String order = unique("o");
        String valid = placeOrder(order);
        List<String> commandIds = List.of(unique("cmd"), unique("cmd"), unique("cmd"), unique("cmd"), unique("cmd"));
        send(order, command("PlaceOrder", commandIds.get(0), valid.replace("\"quantity\":1", "\"quantity\":\"1\"")));
        send(
                order,
                command("PlaceOrder", commandIds.get(1), valid.replace("\"unitPrice\":2500", "\"unitPrice\":2500.0")));
        send(
                order,
                command("PlaceOrder", commandIds.get(2), valid.replace("\"unitPrice\":2500", "\"unitPrice\":25e2")));
        send(
                order,
                command(
                        "PlaceOrder",
                        commandIds.get(3),
                        valid.replace("\"quantity\":1", "\"quantity\":1,\"quantity\":2")));
        byte[] trailing = (new String(command("PlaceOrder", commandIds.get(4), valid), StandardCharsets.UTF_8) + "{}")
                .getBytes(StandardCharsets.UTF_8);
        send(order, trailing);

        try (KafkaRecords dead =
                new KafkaRecords(broker.bootstrapServers(), settings.topics().commandsDlq())) {
            List<ConsumerRecord<String, byte[]>> parked =
                    dead.await(record -> order.equals(record.key()), 5, Duration.ofSeconds(30));
            assertThat(parked).hasSize(5);
            assertThat(parked)
                    .extracting(record -> KafkaRecords.header(record, "error_code"))
                    .containsOnly("VALIDATION_FAILED");
            assertThat(parked)
                    .extracting(record -> KafkaRecords.header(record, "error_message"))
                    .containsExactly(
                            "payload.items[0].quantity must be a JSON integer (no quotes, decimals or exponent) within"
                                    + " range",
                            "payload.items[0].unitPrice must be a JSON integer (no quotes, decimals or exponent) within"
                                    + " range",
                            "payload.items[0].unitPrice must be a JSON integer (no quotes, decimals or exponent) within"
                                    + " range",
                            "payload.items[0].quantity appears more than once",
                            "the record's value has content after its JSON value");
            assertThat(parked.get(4).value()).isEqualTo(trailing);
            // the contract's headers only: nothing that names a class, a method or a stack frame
            assertThat(parked).allSatisfy(record -> {
                assertThat(record.headers().toArray())
                        .extracting(org.apache.kafka.common.header.Header::key)
                        .noneMatch(key -> key.startsWith("kafka_dlt-exception"));
                for (org.apache.kafka.common.header.Header header : record.headers()) {
                    assertThat(new String(header.value(), StandardCharsets.UTF_8))
                            .doesNotContain("io.orderinsight")
                            .doesNotContain("Exception")
                            .doesNotContain("com.fasterxml");
                }
            });
        }
        assertThat(result(commandIds.get(0)).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(events.eventTypesOf(order)).isEmpty();
    }

    @Test
    void runsACommandSentTwiceOnceAndAnswersBothAlike() throws Exception {
        String order = unique("o");
        String commandId = unique("cmd");
        byte[] place = command("PlaceOrder", commandId, placeOrder(order));
        send(order, place);
        send(order, place);
        String reused = unique("cmd");
        send(
                order,
                command(
                        "ShipOrder",
                        reused,
                        "{\"orderId\":\"" + order + "\",\"carrier\":\"DHL\",\"trackingNumber\":\"T1\"}"));
        send(
                order,
                command(
                        "ShipOrder",
                        reused,
                        "{\"orderId\":\"" + order + "\",\"carrier\":\"UPS\",\"trackingNumber\":\"T2\"}"));

        try (KafkaRecords results =
                new KafkaRecords(broker.bootstrapServers(), settings.topics().commandResults())) {
            List<ConsumerRecord<String, byte[]>> both =
                    results.await(record -> commandId.equals(record.key()), 2, Duration.ofSeconds(30));
            assertThat(both).hasSize(2);
            assertThat(KafkaRecords.body(both.get(1))).isEqualTo(KafkaRecords.body(both.get(0)));
            List<ConsumerRecord<String, byte[]>> ships =
                    results.await(record -> reused.equals(record.key()), 2, Duration.ofSeconds(30));
            assertThat(ships)
                    .extracting(record ->
                            JSON.readTree(record.value()).path("status").asText())
                    .containsExactly("ACCEPTED", "REJECTED");
            assertThat(JSON.readTree(ships.get(1).value()).path("code").asText())
                    .isEqualTo("IDEMPOTENCY_KEY_REUSED");
        }
        assertThat(events.eventTypesOf(order)).containsExactly("OrderPlacedEvent", "OrderShippedEvent");
    }

    /**
     * The records of one poll run together in one transaction: a refusal, a command sent twice and a poison record among
     * them leave the others be; a command that fails the transaction itself (an id already taken) makes its group run again one by one, and
     * every command still gets its own result.
     */
    @Test
    void runsAPollsCommandsTogetherAndOneByOneWhenTogetherTheyFail() throws Exception {
        double together = groups("together");
        double oneByOne = groups("one-by-one");
        String order = unique("o");
        String payment = unique("p");
        String place = unique("cmd");
        String pay = unique("cmd");
        String overCapture = unique("cmd");
        String capture = unique("cmd");
        String taken = unique("o");
        String placeTaken = unique("cmd");
        String placeAgain = unique("cmd");
        String ship = unique("cmd");
        byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
        // one produce request per key, so that each key's records arrive in one poll
        try (KafkaProducer<String, byte[]> burst = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG,
                1_000))) {
            String topic = settings.topics().commands();
            burst.send(new ProducerRecord<>(topic, order, command("PlaceOrder", place, placeOrder(order))));
            // the same command again in the same poll: one effect, answered alike
            burst.send(new ProducerRecord<>(topic, order, command("PlaceOrder", place, placeOrder(order))));
            burst.send(
                    new ProducerRecord<>(topic, order, command("RecordPayment", pay, """
                    {"paymentId":"%s","orderId":"%s","amount":2500,"currency":"USD","method":"CARD",
                     "outcome":"AUTHORIZED"}
                    """.formatted(payment, order))));
            burst.send(new ProducerRecord<>(
                    topic, order, command("CapturePayment", overCapture, """
                    {"paymentId":"%s","orderId":"%s","amount":9000}
                    """.formatted(payment, order))));
            burst.send(new ProducerRecord<>(topic, order, notJson));
            burst.send(new ProducerRecord<>(
                    topic, order, command("CapturePayment", capture, """
                    {"paymentId":"%s","orderId":"%s","amount":2500}
                    """.formatted(payment, order))));
            burst.send(new ProducerRecord<>(topic, taken, command("PlaceOrder", placeTaken, placeOrder(taken))));
            burst.send(new ProducerRecord<>(topic, taken, command("PlaceOrder", placeAgain, placeOrder(taken))));
            burst.send(new ProducerRecord<>(
                    topic,
                    taken,
                    command(
                            "ShipOrder",
                            ship,
                            "{\"orderId\":\"" + taken + "\",\"carrier\":\"DHL\",\"trackingNumber\":\"T1\"}")));
            burst.flush();
        }

        assertThat(result(place).path("version").asLong()).isEqualTo(1);
        try (KafkaRecords results =
                new KafkaRecords(broker.bootstrapServers(), settings.topics().commandResults())) {
            List<ConsumerRecord<String, byte[]>> both =
                    results.await(record -> place.equals(record.key()), 2, Duration.ofSeconds(30));
            assertThat(both).hasSize(2);
            assertThat(KafkaRecords.body(both.get(1))).isEqualTo(KafkaRecords.body(both.get(0)));
        }
        assertThat(result(pay).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(result(overCapture).path("code").asText()).isEqualTo("CAPTURE_EXCEEDS_AUTHORIZED");
        JsonNode captured = result(capture);
        assertThat(captured.path("status").asText()).as(captured.toString()).isEqualTo("ACCEPTED");
        assertThat(result(placeTaken).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(result(placeAgain).path("code").asText()).isEqualTo("DUPLICATE_ID");
        assertThat(result(ship).path("status").asText()).isEqualTo("ACCEPTED");
        try (KafkaRecords dead =
                new KafkaRecords(broker.bootstrapServers(), settings.topics().commandsDlq())) {
            assertThat(dead.await(record -> order.equals(record.key()), 1, Duration.ofSeconds(30)))
                    .extracting(record -> KafkaRecords.header(record, "error_code"))
                    .containsExactly("NOT_JSON");
        }
        assertThat(events.eventTypesOf(order)).containsExactly("OrderPlacedEvent");
        assertThat(events.eventTypesOf(payment)).containsExactly("PaymentAuthorizedEvent", "PaymentCapturedEvent");
        assertThat(events.eventTypesOf(taken)).containsExactly("OrderPlacedEvent", "OrderShippedEvent");
        assertThat(groups("together")).isGreaterThan(together);
        assertThat(groups("one-by-one")).isGreaterThan(oneByOne);
    }

    private double groups(String ran) {
        return meters.get("orderinsight.kafka.commands.groups")
                .tag("ran", ran)
                .counter()
                .count();
    }

    private JsonNode result(String commandId) throws Exception {
        try (KafkaRecords results =
                new KafkaRecords(broker.bootstrapServers(), settings.topics().commandResults())) {
            List<ConsumerRecord<String, byte[]>> found =
                    results.await(record -> commandId.equals(record.key()), 1, Duration.ofSeconds(30));
            assertThat(found).as("result of " + commandId).isNotEmpty();
            return JSON.readTree(found.get(0).value());
        }
    }

    private void send(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(settings.topics().commands(), key, value))
                .get();
    }

    private static byte[] command(String type, String commandId, String payload) {
        return ("{\"type\":\"" + type + "\",\"commandId\":\"" + commandId + "\",\"payload\":" + payload + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String placeOrder(String order) {
        return """
                {"orderId":"%s","customerId":"c-kafka","sellerId":"s-kafka","currency":"USD","channel":"LIVE",
                 "shippingCountry":"DE","items":[{"sku":"sku-1","category":"toys","quantity":1,"unitPrice":2500}],
                 "customer":{"email":"k@example.com","name":"K"}}
                """.formatted(order);
    }
}
