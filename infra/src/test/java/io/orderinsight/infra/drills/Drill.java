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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the drills share: a command load that records what the app acknowledged and every answer it gave, and the checks
 * made afterwards against the services' own stores — every acknowledged command stored, read models equal to a fresh
 * rebuild, the insight counters equal to the event store, every event on the events topic.
 */
final class Drill {

    private Drill() {}

    /** A command the app acknowledged: its key, what was sent, and the version it answered. */
    record Acknowledged(
            String path, String body, String idempotencyKey, String aggregateId, long version, Instant at) {}

    /** Any answer the load received: its status (0 when the call failed without one) and when. */
    record Answer(int status, Instant at) {}

    /** Client threads placing, paying and capturing orders through the given nodes, until {@link #stop()}. */
    static final class Load {

        final List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
        final List<Answer> answers = new CopyOnWriteArrayList<>();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final List<Thread> clients = new ArrayList<>();

        /** {@code clients} threads per node, each with orders named {@code prefix-<node>-<client>-<n>}. */
        static Load start(String prefix, int clients, Api... nodes) {
            Load load = new Load();
            for (int node = 0; node < nodes.length; node++) {
                Api api = nodes[node];
                load.clients(prefix + "-" + node, clients, () -> api);
            }
            return load;
        }

        /** {@code clients} threads sending each call through the node {@code route} names at that moment. */
        static Load routed(String prefix, int clients, Supplier<Api> route) {
            Load load = new Load();
            load.clients(prefix, clients, route);
            return load;
        }

        private void clients(String prefix, int count, Supplier<Api> route) {
            for (int client = 0; client < count; client++) {
                String orders = prefix + "-" + client + "-";
                Thread thread = new Thread(() -> run(route, orders), "drill-load-" + orders);
                thread.start();
                clients.add(thread);
            }
        }

        /** How many answers had {@code status}. */
        long answered(int status) {
            return answers.stream().filter(answer -> answer.status() == status).count();
        }

        void stop() throws InterruptedException {
            stopping.set(true);
            for (Thread client : clients) {
                client.join();
            }
        }

        long acknowledgedBetween(Instant from, Instant to) {
            return acknowledged.stream()
                    .filter(command ->
                            !command.at().isBefore(from) && command.at().isBefore(to))
                    .count();
        }

        /** Answers other than 200/201 (0: no answer at all), by status. */
        Map<Integer, Long> refusals() {
            Map<Integer, Long> refused = new HashMap<>();
            for (Answer answer : answers) {
                if (answer.status() != 200 && answer.status() != 201) {
                    refused.merge(answer.status(), 1L, Long::sum);
                }
            }
            return refused;
        }

        private void run(Supplier<Api> route, String prefix) {
            for (int i = 0; !stopping.get(); i++) {
                Api api = route.get();
                String order = prefix + i;
                String payment = "p-" + order;
                if (!send(api, "/api/v1/orders", placeOrder(order, "c-" + order, "USD", 1_000, 1), order)
                        || !send(
                                api,
                                "/api/v1/payments",
                                recordPayment(payment, order, 1_000, "USD", "AUTHORIZED"),
                                payment)) {
                    continue;
                }
                send(api, "/api/v1/payments/" + payment + "/capture", amount(1_000), payment);
            }
        }

        private boolean send(Api api, String path, String body, String aggregateId) {
            String key = aggregateId + path.hashCode();
            try {
                Reply reply = api.post(path, body, Map.of("Idempotency-Key", key));
                answers.add(new Answer(reply.status(), Instant.now()));
                if (reply.status() == 200 || reply.status() == 201) {
                    acknowledged.add(new Acknowledged(
                            path,
                            body,
                            key,
                            aggregateId,
                            reply.json().path("version").asLong(),
                            Instant.now()));
                    return true;
                }
            } catch (RuntimeException e) {
                // the node is down: not acknowledged, so nothing is owed
                answers.add(new Answer(0, Instant.now()));
            }
            return false;
        }
    }

    /** The services' event store. */
    static Connection eventStore(Processes.Services services) throws SQLException {
        return DriverManager.getConnection(argument(services, "--spring.datasource.url="), "postgres", "");
    }

    /** Every acknowledged command has its events in the event store. */
    static void assertStored(Connection store, List<Acknowledged> acknowledged) throws SQLException {
        for (Acknowledged command : acknowledged) {
            assertThat(storedVersion(store, command.aggregateId()))
                    .as(command.path() + " of " + command.aggregateId())
                    .isGreaterThanOrEqualTo(command.version());
        }
    }

    /** The drift check of every projection: each read model equals a fresh rebuild, document by document. */
    static void assertNoDrift(Api api) {
        for (String projection : ProjectionNames.ALL) {
            JsonNode result = api.succeededJob(
                    api.post("/api/v1/admin/projections/" + projection + "/drift", ""), Duration.ofSeconds(180));
            assertThat(result.path("result").path("drifted").asBoolean())
                    .as(projection + ": " + result.path("result"))
                    .isFalse();
        }
    }

    /**
     * The insight counters count every stored USD order and capture exactly once: the overview's orders and captured
     * amount equal what the event store holds (each drill order is worth 1,000 and captured whole).
     */
    static void assertCountersEqualTheEventStore(Api api, Connection store) throws SQLException {
        long placed = countOfType(store, "OrderPlacedEvent");
        long captures = countOfType(store, "PaymentCapturedEvent");
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonNode usd = api.get("/api/v1/insights/overview?currency=USD")
                    .json()
                    .path("currencies")
                    .path("USD");
            assertThat(usd.path("orders").asLong()).as("orders in the overview").isEqualTo(placed);
            assertThat(usd.path("captured").asLong())
                    .as("captured in the overview")
                    .isEqualTo(captures * 1_000);
        });
    }

    /** Waits until every event of aggregates whose id contains {@code marker} is on {@code orderinsight.events}. */
    static Set<String> awaitPublished(Processes.Services services, Connection store, String marker, String group)
            throws SQLException {
        Set<String> stored = eventIds(store, marker);
        Set<String> published = new HashSet<>();
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, argument(services, "--spring.kafka.bootstrap-servers="));
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> events =
                new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer())) {
            events.subscribe(List.of("orderinsight.events"));
            await().atMost(Duration.ofSeconds(180)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader("ce_id");
                    if (id != null) {
                        published.add(new String(id.value(), StandardCharsets.UTF_8));
                    }
                }
                return published.containsAll(stored);
            });
        }
        assertThat(published).as("published events that were never stored").isSubsetOf(eventIds(store, ""));
        return stored;
    }

    static long count(Connection store) throws SQLException {
        try (ResultSet row = store.createStatement().executeQuery("select count(*) from domainevententry")) {
            row.next();
            return row.getLong(1);
        }
    }

    static String argument(Processes.Services services, String prefix) {
        for (String argument : services.nodeArguments().split(" ")) {
            if (argument.startsWith(prefix)) {
                return argument.substring(prefix.length());
            }
        }
        throw new AssertionError("no " + prefix + " in " + services.nodeArguments());
    }

    /** The version of an aggregate in the event store: how many events it has. */
    static long storedVersion(Connection store, String aggregateId) throws SQLException {
        try (PreparedStatement query = store.prepareStatement(
                "select coalesce(max(sequencenumber), -1) + 1 from domainevententry where aggregateidentifier = ?")) {
            query.setString(1, aggregateId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static long countOfType(Connection store, String simpleName) throws SQLException {
        try (PreparedStatement query =
                store.prepareStatement("select count(*) from domainevententry where payloadtype like ?")) {
            query.setString(1, "%." + simpleName);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static Set<String> eventIds(Connection store, String marker) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement query = store.prepareStatement(
                "select eventidentifier from domainevententry where aggregateidentifier like ?")) {
            query.setString(1, "%" + marker + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }
}
