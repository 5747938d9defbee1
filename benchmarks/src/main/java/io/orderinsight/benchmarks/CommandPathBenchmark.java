package io.orderinsight.benchmarks;

import io.orderinsight.infra.OrderInsightApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command path under concurrent clients, beside its raw ceiling from the same run: the same rows (one event row
 * and one idempotency record per command) written with plain JDBC through the same connection pool, one transaction
 * per command, at the same concurrency.
 *
 * <pre>java -jar benchmarks/target/order-insight-benchmarks.jar [--clients=8,32] [--seconds=15] [--warmup=5]
 *     [--report=BENCHMARKS.md]</pre>
 */
public final class CommandPathBenchmark {

    private static final String SECTION = "command-path";

    private CommandPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Stream.of(args).filter(arg -> arg.startsWith("--") && arg.contains("="))
                .collect(Collectors.toMap(arg -> arg.substring(2, arg.indexOf('=')),
                        arg -> arg.substring(arg.indexOf('=') + 1)));
        List<Integer> levels = Stream.of(options.getOrDefault("clients", "8,32").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "15"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "5"));
        Path report = Path.of(options.getOrDefault("report", "BENCHMARKS.md"));
        Path dataDir = Files.createTempDirectory("orderinsight-bench-");

        System.out.printf("Order Insight command path benchmark: clients %s, %.0f s per run (after %.0f s warm-up)%n",
                levels, seconds, warmup);
        List<LoadResult[]> results = new ArrayList<>();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OrderInsightApplication.class)
                .properties(Map.of("orderinsight.data-dir", dataDir.toString(),
                        "orderinsight.postgres.embedded.port", "0", "server.port", "0",
                        "logging.level.root", "WARN", "logging.level.io.orderinsight", "WARN"))
                .run()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            CommandClient commands = new CommandClient(port);
            DataSource dataSource = app.getBean(DataSource.class);
            LoadDriver.run("warm-up", levels.get(levels.size() - 1), warmup, commands::next);
            RawRows raw = RawRows.sampledFrom(new JdbcTemplate(dataSource));
            LoadDriver.run("warm-up-raw", levels.get(levels.size() - 1), warmup / 2, raw.writer(dataSource));
            for (int clients : levels) {
                LoadResult path = LoadDriver.run("command path", clients, seconds, commands::next);
                LoadResult ceiling = LoadDriver.run("raw JDBC", clients, seconds, raw.writer(dataSource));
                results.add(new LoadResult[] {path, ceiling});
                print(path, ceiling);
            }
        }
        String table = table(results);
        System.out.println();
        System.out.println(table);
        Reports.replaceSection(report, SECTION, section(table, args));
        System.out.println("written to " + report.toAbsolutePath());
    }

    private static void print(LoadResult path, LoadResult ceiling) {
        System.out.printf(Locale.ROOT, "%2d clients: command path %,.0f/s (p50 %.1f ms, p99 %.1f ms, %d failed); "
                        + "raw JDBC %,.0f/s (p50 %.1f ms, p99 %.1f ms); ratio %.0f%%%n",
                path.clients(), path.perSecond(), path.percentileMillis(50), path.percentileMillis(99),
                path.failures(), ceiling.perSecond(), ceiling.percentileMillis(50), ceiling.percentileMillis(99),
                100 * path.perSecond() / ceiling.perSecond());
    }

    private static String table(List<LoadResult[]> results) {
        StringBuilder table = new StringBuilder(
                "| clients | command path (commands/s) | p50 ms | p99 ms | failed | raw JDBC (rows pairs/s) | raw p50 ms "
                        + "| raw p99 ms | command path ÷ raw |\n|---|---|---|---|---|---|---|---|---|\n");
        for (LoadResult[] pair : results) {
            LoadResult path = pair[0];
            LoadResult raw = pair[1];
            table.append(String.format(Locale.ROOT, "| %d | %,.0f | %.1f | %.1f | %d | %,.0f | %.1f | %.1f | %.0f%% |%n",
                    path.clients(), path.perSecond(), path.percentileMillis(50), path.percentileMillis(99),
                    path.failures(), raw.perSecond(), raw.percentileMillis(50), raw.percentileMillis(99),
                    100 * path.perSecond() / raw.perSecond()));
        }
        return table.toString();
    }

    private static String section(String table, String[] args) {
        return """
                ## Command path (write side)

                Run on %s, %s. Command:

                ```
                mvn -B -q package -DskipTests && java -jar benchmarks/target/order-insight-benchmarks.jar %s
                ```

                Each client loops place order → record payment → capture, every call with its own `Idempotency-Key`
                over HTTP against the whole application (embedded PostgreSQL, synchronous commit): one event row and
                one idempotency record per command. The raw ceiling writes the same rows (an event row with a payload
                and metadata taken from the run, and an idempotency record) with plain JDBC through the same
                connection pool, one transaction each, at the same concurrency. Both share the machine with their load
                driver.

                %s
                """.formatted(LocalDate.now(), Reports.machine(), String.join(" ", args), table);
    }

    /** Drives the HTTP command API: each client works through its own orders, payments and captures. */
    static final class CommandClient {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String base;
        private final String run = UUID.randomUUID().toString().substring(0, 6);

        CommandClient(int port) {
            this.base = "http://localhost:" + port + "/api/v1";
        }

        boolean next(int client, long sequence) throws IOException, InterruptedException {
            long unit = sequence / 3;
            String order = "o-" + run + "-" + client + "-" + unit;
            String payment = "p-" + run + "-" + client + "-" + unit;
            return switch ((int) (sequence % 3)) {
                case 0 -> post("/orders", """
                        {"orderId":"%s","customerId":"c-%d","sellerId":"s-%d","currency":"USD","channel":"SHOP",
                         "shippingCountry":"US","items":[{"sku":"sku-1","category":"books","quantity":2,"unitPrice":1250}],
                         "customer":{"email":"c%d@example.com","name":"Customer %d"}}
                        """.formatted(order, unit % 1000, client, unit % 1000, unit % 1000), order);
                case 1 -> post("/payments", """
                        {"paymentId":"%s","orderId":"%s","amount":2500,"currency":"USD","method":"CARD",
                         "outcome":"AUTHORIZED","cardFingerprint":"fp-%d"}
                        """.formatted(payment, order, client), payment);
                default -> post("/payments/" + payment + "/capture", "{\"amount\":2500}", payment + "-capture");
            };
        }

        private boolean post(String path, String body, String key) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 || status == 201;
        }
    }

    /** The rows one command stores, written without the application: the raw ceiling. */
    record RawRows(List<byte[]> payloads, List<byte[]> metadata, List<String> types) {

        static RawRows sampledFrom(JdbcTemplate jdbc) {
            List<byte[]> payloads = new ArrayList<>();
            List<byte[]> metadata = new ArrayList<>();
            List<String> types = new ArrayList<>();
            jdbc.query("SELECT payload, metadata, payloadtype FROM domainevententry ORDER BY globalindex DESC "
                    + "LIMIT 3", row -> {
                payloads.add(row.getBytes(1));
                metadata.add(row.getBytes(2));
                types.add(row.getString(3));
            });
            return new RawRows(payloads, metadata, types);
        }

        LoadDriver.Operation writer(DataSource dataSource) {
            String run = UUID.randomUUID().toString().substring(0, 6);
            String answer = "{\"id\":\"x\",\"type\":\"Order\",\"version\":1,\"changed\":[]}";
            return (client, sequence) -> {
                int kind = (int) (sequence % payloads.size());
                String id = "raw-" + run + "-" + client + "-" + sequence;
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    try (PreparedStatement event = connection.prepareStatement(
                            "INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, "
                                    + "type, timestamp, payloadtype, payloadrevision, payload, metadata) "
                                    + "VALUES (?, ?, 0, 'Order', ?, ?, '1', ?, ?)");
                            PreparedStatement key = connection.prepareStatement(
                                    "INSERT INTO idempotency_record (caller, idempotency_key, request_hash, status, "
                                            + "location, body, created_at) VALUES ('bench', ?, ?, 201, ?, ?, ?)")) {
                        Instant now = Instant.now();
                        event.setString(1, UUID.randomUUID().toString());
                        event.setString(2, id);
                        event.setString(3, now.toString());
                        event.setString(4, types.get(kind));
                        event.setBytes(5, payloads.get(kind));
                        event.setBytes(6, metadata.get(kind));
                        event.executeUpdate();
                        key.setString(1, id);
                        key.setString(2, "0".repeat(64));
                        key.setString(3, "/api/v1/orders/" + id);
                        key.setString(4, answer);
                        key.setTimestamp(5, Timestamp.from(now));
                        key.executeUpdate();
                    }
                    connection.commit();
                }
                return true;
            };
        }
    }
}
