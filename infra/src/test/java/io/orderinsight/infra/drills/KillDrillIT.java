package io.orderinsight.infra.drills;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.projections.support.ProjectionNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the app under load, five times, against the {@code services} process that keeps the data: every
 * acknowledged command has its events; after the last restart every read model equals a fresh rebuild (the drift
 * check, document by document); idempotency keys are still honoured; Kafka publication resumed without a gap.
 */
class KillDrillIT {

    private static final int KILLS = 5;
    private static final int CLIENTS = 3;

    @TempDir
    Path directory;

    /** A command the app acknowledged: its key, what was sent, and the version it answered. */
    record Acknowledged(String path, String body, String idempotencyKey, String aggregateId, long version) {}

    @Test
    void everyAcknowledgedCommandSurvivesFiveKillsAndTheReadModelsEqualAFreshRebuild() throws Exception {
        Processes.Services services = Processes.services(directory);
        List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
        try {
            int port = Processes.freePort();
            Process node = Processes.node(directory, services, port, "node");
            Processes.awaitHealthy(port, node);
            Api api = new Api(port);
            for (int round = 0; round < KILLS; round++) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> clients = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    String prefix = "kd-" + round + "-" + client + "-";
                    Thread thread = new Thread(() -> load(api, prefix, stop, acknowledged));
                    thread.start();
                    clients.add(thread);
                }
                Thread.sleep(3_000);
                Processes.kill(node); // while the clients are still sending
                stop.set(true);
                for (Thread thread : clients) {
                    thread.join();
                }
                node = Processes.node(directory, services, port, "node");
                Processes.awaitHealthy(port, node);
            }
            assertThat(acknowledged).hasSizeGreaterThan(KILLS * 10);

            String jdbcUrl = argument(services, "--spring.datasource.url=");
            try (Connection store = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                // every acknowledged command has its events
                for (Acknowledged command : acknowledged) {
                    assertThat(storedVersion(store, command.aggregateId()))
                            .as(command.path() + " of " + command.aggregateId())
                            .isGreaterThanOrEqualTo(command.version());
                }
                // idempotency keys still honoured: the same answer, nothing stored again
                long storedEvents = count(store);
                for (Acknowledged command : acknowledged.subList(0, Math.min(30, acknowledged.size()))) {
                    Reply again = api.post(
                            command.path(), command.body(), Map.of("Idempotency-Key", command.idempotencyKey()));
                    assertThat(again.status()).as(again.body()).isBetween(200, 201);
                    assertThat(again.json().path("version").asLong()).isEqualTo(command.version());
                }
                assertThat(count(store)).isEqualTo(storedEvents);

                // every read model equals a fresh rebuild
                for (String projection : ProjectionNames.ALL) {
                    Reply accepted = api.post("/api/v1/admin/projections/" + projection + "/drift", "");
                    assertThat(accepted.status()).isEqualTo(202);
                    String job = accepted.location().orElseThrow();
                    await().atMost(Duration.ofSeconds(120))
                            .until(() -> !"RUNNING"
                                    .equals(api.get(job).json().path("status").asText()));
                    JsonNode result = api.get(job).json();
                    assertThat(result.path("status").asText())
                            .as(result.toString())
                            .isEqualTo("SUCCEEDED");
                    assertThat(result.path("result").path("drifted").asBoolean())
                            .as(projection + ": " + result.path("result"))
                            .isFalse();
                }

                // Kafka publication resumed without a gap: every stored event of the drill is on the topic
                Set<String> stored = eventIds(store);
                Set<String> published = new HashSet<>();
                Properties consumer = new Properties();
                consumer.put(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        argument(services, "--spring.kafka.bootstrap-servers="));
                consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "kill-drill");
                consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                try (KafkaConsumer<String, byte[]> events =
                        new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer())) {
                    events.subscribe(List.of("orderinsight.events"));
                    await().atMost(Duration.ofSeconds(120)).until(() -> {
                        for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(500))) {
                            Header id = record.headers().lastHeader("ce_id");
                            if (id != null) {
                                published.add(new String(id.value(), StandardCharsets.UTF_8));
                            }
                        }
                        return published.containsAll(stored);
                    });
                }
                System.out.printf(
                        "kill drill: %d kills, %d acknowledged commands, %d events, all stored, read models equal a"
                                + " fresh rebuild, %d events published%n",
                        KILLS, acknowledged.size(), stored.size(), published.size());
            }
            Processes.kill(node);
        } finally {
            services.process().destroy();
            services.process().waitFor();
        }
    }

    /** Orders placed, paid and captured, each command with its idempotency key, until told to stop. */
    private static void load(Api api, String prefix, AtomicBoolean stop, List<Acknowledged> acknowledged) {
        for (int i = 0; !stop.get(); i++) {
            String order = prefix + i;
            String payment = "p-" + order;
            if (!send(api, "/api/v1/orders", placeOrder(order, "c-" + order, "USD", 1_000, 1), order, acknowledged)
                    || !send(
                            api,
                            "/api/v1/payments",
                            recordPayment(payment, order, 1_000, "USD", "AUTHORIZED"),
                            payment,
                            acknowledged)) {
                continue;
            }
            send(api, "/api/v1/payments/" + payment + "/capture", amount(1_000), payment, acknowledged);
        }
    }

    private static boolean send(
            Api api, String path, String body, String aggregateId, List<Acknowledged> acknowledged) {
        String key = aggregateId + path.hashCode();
        try {
            Reply reply = api.post(path, body, Map.of("Idempotency-Key", key));
            if (reply.status() == 200 || reply.status() == 201) {
                acknowledged.add(new Acknowledged(
                        path,
                        body,
                        key,
                        aggregateId,
                        reply.json().path("version").asLong()));
                return true;
            }
        } catch (RuntimeException e) {
            // the node is down: not acknowledged, so nothing is owed
        }
        return false;
    }

    private static long storedVersion(Connection store, String aggregateId) throws Exception {
        try (PreparedStatement query = store.prepareStatement(
                "select coalesce(max(sequencenumber), -1) + 1 from domainevententry where aggregateidentifier = ?")) {
            query.setString(1, aggregateId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static long count(Connection store) throws Exception {
        try (ResultSet row = store.createStatement().executeQuery("select count(*) from domainevententry")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Set<String> eventIds(Connection store) throws Exception {
        Set<String> ids = new HashSet<>();
        try (ResultSet rows = store.createStatement()
                .executeQuery("select eventidentifier from domainevententry where aggregateidentifier like '%kd-%'")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static String argument(Processes.Services services, String prefix) {
        for (String argument : services.nodeArguments().split(" ")) {
            if (argument.startsWith(prefix)) {
                return argument.substring(prefix.length());
            }
        }
        throw new AssertionError("no " + prefix + " in " + services.nodeArguments());
    }
}
