package io.orderinsight.infra.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.infra.support.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the app while it ingests {@code orderinsight.commands}, three times, against the {@code services} process
 * that keeps the data. The poll's commands run together in one transaction, so a kill can fall between a commit and
 * its results, or between the results and the offsets. Acknowledged here means a result was published: every command
 * acknowledged as accepted has its events; every command is answered in the end; no command has two effects (each
 * order placed once, each payment authorized and captured once); a command answered twice is answered alike; nothing
 * lands in the dead-letter topic; the insight counters equal the event store.
 */
class KafkaKillDrillIT {

    private static final int KILLS = 3;
    private static final int ORDERS = 2_500;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void everyCommandReadFromKafkaHasOneEffectThroughThreeKills() throws Exception {
        Processes.Services services = Processes.services(directory);
        String bootstrap = Drill.argument(services, "--spring.kafka.bootstrap-servers=");
        String run = "kk" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, List<JsonNode>> results = new ConcurrentHashMap<>();
        List<String> dead = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread resultReader = reader(
                bootstrap,
                "orderinsight.command-results",
                run,
                reading,
                record -> results.computeIfAbsent(record.key(), key -> new CopyOnWriteArrayList<>())
                        .add(JSON.readTree(record.value())));
        Thread deadReader =
                reader(bootstrap, "orderinsight.commands.dlq", run, reading, record -> dead.add(record.key()));
        Process node = null;
        try {
            int port = Processes.freePort();
            node = Processes.node(directory, services, port, "node");
            Processes.awaitHealthy(port, node);
            produce(bootstrap, run);
            for (int round = 0; round < KILLS; round++) {
                int before = results.size();
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> results.size() > before + 300 || results.size() == ORDERS * 3);
                Processes.kill(node); // while it is still ingesting
                node = Processes.node(directory, services, port, "node");
                Processes.awaitHealthy(port, node);
            }
            await().atMost(Duration.ofSeconds(300)).until(() -> results.size() == ORDERS * 3);

            try (Connection store = Drill.eventStore(services)) {
                Map<String, Long> versions = versions(store, run);
                for (Map.Entry<String, List<JsonNode>> answered : results.entrySet()) {
                    JsonNode first = answered.getValue().get(0);
                    assertThat(answered.getValue()).as(answered.getKey()).allMatch(first::equals);
                    assertThat(first.path("status").asText())
                            .as(first.toString())
                            .isEqualTo("ACCEPTED");
                    assertThat(versions.getOrDefault(first.path("id").asText(), 0L))
                            .as(first.toString())
                            .isGreaterThanOrEqualTo(first.path("version").asLong());
                }
                // one effect per command: an order placed once, a payment authorized and captured once
                assertThat(versions).hasSize(ORDERS * 2);
                versions.forEach((aggregate, version) ->
                        assertThat(version).as(aggregate).isEqualTo(aggregate.startsWith("o-") ? 1 : 2));
                assertThat(dead).isEmpty();
                Drill.assertCountersEqualTheEventStore(new Api(port), store);
            }
            long republished = results.values().stream()
                    .filter(answers -> answers.size() > 1)
                    .count();
            System.out.printf(
                    "kafka kill drill: %d kills, %d commands answered, each with one effect; %d answered again after"
                            + " a kill, alike%n",
                    KILLS, results.size(), republished);
        } finally {
            if (node != null) {
                Processes.kill(node);
            }
            reading.set(false);
            resultReader.join();
            deadReader.join();
            services.process().destroy();
            services.process().waitFor();
        }
    }

    /** Place, authorize and capture for each order, keyed by the order, all sent before the first kill. */
    private static void produce(String bootstrap, String run) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG,
                "all"))) {
            for (int i = 0; i < ORDERS; i++) {
                String order = "o-" + run + "-" + i;
                String payment = "p-" + run + "-" + i;
                send(producer, order, run + "-place-" + i, "PlaceOrder", """
                        {"orderId":"%s","customerId":"c-%s-%d","sellerId":"s-kk","currency":"USD","channel":"SHOP",
                         "shippingCountry":"US","items":[{"sku":"sku-1","category":"books","quantity":1,"unitPrice":1000}]}
                        """.formatted(order, run, i));
                send(producer, order, run + "-pay-" + i, "RecordPayment", """
                        {"paymentId":"%s","orderId":"%s","amount":1000,"currency":"USD","method":"CARD",
                         "outcome":"AUTHORIZED"}
                        """.formatted(payment, order));
                send(producer, order, run + "-capture-" + i, "CapturePayment", """
                        {"paymentId":"%s","orderId":"%s","amount":1000}
                        """.formatted(payment, order));
            }
            producer.flush();
        }
    }

    private static void send(
            KafkaProducer<String, byte[]> producer, String key, String commandId, String type, String payload) {
        String command = "{\"type\":\"" + type + "\",\"commandId\":\"" + commandId + "\",\"payload\":" + payload + "}";
        producer.send(new ProducerRecord<>("orderinsight.commands", key, command.getBytes(StandardCharsets.UTF_8)));
    }

    interface RecordHandler {
        void accept(ConsumerRecord<String, byte[]> record) throws IOException;
    }

    /** Reads {@code topic} from its start until told to stop, handing on the records whose key contains {@code run}. */
    private static Thread reader(
            String bootstrap, String topic, String run, AtomicBoolean reading, RecordHandler handler) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, run + "-" + topic);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (reading.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.key() != null && record.key().contains(run)) {
                            handler.accept(record);
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return thread;
    }

    /** The stored version (number of events) of every aggregate of the run. */
    private static Map<String, Long> versions(Connection store, String run) throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        try (PreparedStatement query = store.prepareStatement(
                "select aggregateidentifier, count(*) from domainevententry"
                        + " where type in ('Order', 'Payment') and aggregateidentifier like ? group by aggregateidentifier")) {
            query.setString(1, "%" + run + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    versions.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return versions;
    }
}
