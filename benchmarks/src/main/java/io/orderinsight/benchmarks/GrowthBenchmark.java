package io.orderinsight.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.orderinsight.command.api.CommandExecutor;
import io.orderinsight.infra.axon.TrackingProjectionClock;
import io.orderinsight.projections.order.OrderViewProjection;
import io.orderinsight.projections.support.LiveGenerations;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.query.ReadModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How cost grows with history: one application whose event store is grown to each size in turn (100,000, 1,000,000
 * and 5,000,000 events by default), and at each size the same measurements — the projections catching up with the
 * events just stored (against a raw {@code bulkWrite} of every read-model document), HTTP command throughput and
 * latency (against raw JDBC writes of the same rows), freshness under a steady load, query latency, and a full
 * blue/green rebuild of the views over the whole history.
 *
 * <pre>java -Xmx20g -jar benchmarks/target/order-insight-benchmarks.jar growth [--sizes=100000,1000000,5000000]
 *     [--growth-clients=16] [--growth-seconds=15] [--growth-runs=20] [--report=BENCHMARKS.md]</pre>
 */
final class GrowthBenchmark {

    static final String SECTION = "growth";

    /** What was measured at one size of the event store. */
    record Step(
            long events,
            long stored,
            double catchUpSeconds,
            double rawSeconds,
            long documents,
            LoadResult http,
            LoadResult raw,
            ReadSideBenchmark.Freshness freshness,
            Map<String, Histogram> queries,
            long rebuilt,
            double rebuildSeconds,
            long heapMiB) {

        double catchUpRate() {
            return stored / catchUpSeconds;
        }

        double rawRate() {
            return events / rawSeconds;
        }

        double rebuildRate() {
            return rebuilt / rebuildSeconds;
        }
    }

    private GrowthBenchmark() {}

    static void run(Map<String, String> options, String[] args) throws Exception {
        List<Long> sizes = Stream.of(
                        options.getOrDefault("sizes", "100000,1000000,5000000").split(","))
                .map(String::trim)
                .map(Long::valueOf)
                .toList();
        int clients = Integer.parseInt(options.getOrDefault("growth-clients", "16"));
        double seconds = Double.parseDouble(options.getOrDefault("growth-seconds", "15"));
        int runs = Integer.parseInt(options.getOrDefault("growth-runs", "20"));
        Path report = Path.of(options.getOrDefault("report", "BENCHMARKS.md"));
        System.out.printf("Order Insight growth benchmark: event store grown to %s events%n", sizes);

        List<Step> steps = new ArrayList<>();
        try (ConfigurableApplicationContext app = Benchmarks.start()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            // the projections alone: the rules, the deadline saga, the Kafka publisher and the audit processors would
            // work through the generated history on the same two cores (and the saga schedule its deadlines)
            processing.eventProcessors().forEach((name, processor) -> {
                if (ProjectionNames.ALL.stream().noneMatch(name::startsWith)) {
                    processor.shutDown();
                }
            });
            HttpClient http = HttpClient.newHttpClient();
            LoadDriver.run("warm-up", clients, seconds, new CommandPathBenchmark.CommandClient(port)::next);
            for (int index = 0; index < sizes.size(); index++) {
                Step step = measure(app, http, port, sizes.get(index), index, clients, seconds, runs);
                steps.add(step);
                System.out.println(rows(steps));
            }
        }
        addToSummary(steps);
        String table = rows(steps);
        System.out.println();
        System.out.println(table);
        Reports.replaceSection(report, SECTION, section(table, steps, args));
        System.out.println("written to " + report.toAbsolutePath());
    }

    private static Step measure(
            ConfigurableApplicationContext app,
            HttpClient http,
            int port,
            long size,
            int index,
            int clients,
            double seconds,
            int runs)
            throws Exception {
        TrackingProjectionClock tokens = app.getBean(TrackingProjectionClock.class);
        LiveGenerations generations = app.getBean(LiveGenerations.class);
        MongoDatabase database = app.getBean(MongoDatabase.class);
        DataSource dataSource = app.getBean(DataSource.class);
        long present = Math.max(0, tokens.head() + 1);
        System.out.printf(Locale.ROOT, "-- growing the event store from %,d to %,d events%n", present, size);

        // the projections follow while the history is stored, and are timed until every one has reached the head
        long began = System.nanoTime();
        HistoryGenerator history =
                new HistoryGenerator(100 + index, Instant.now().truncatedTo(ChronoUnit.HOURS), "g" + index);
        long stored = ReadSideBenchmark.store(app, history, Math.max(1, size - present));
        double storeSeconds = (System.nanoTime() - began) / 1e9;
        long head = awaitProjections(tokens, generations, began);
        double catchUpSeconds = (System.nanoTime() - began) / 1e9;
        long events = head + 1;
        System.out.printf(
                Locale.ROOT,
                "stored %,d events in %.1f s; every projection at the head (%,d events) after %.1f s%n",
                stored,
                storeSeconds,
                events,
                catchUpSeconds);

        Map<String, Long> documents = new LinkedHashMap<>();
        double rawSeconds = ReadSideBenchmark.rawCeiling(database, documents);
        long documentCount =
                documents.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "raw bulkWrite of %,d documents: %.1f s%n", documentCount, rawSeconds);

        LoadResult commands =
                LoadDriver.run("HTTP", clients, seconds, new CommandPathBenchmark.CommandClient(port)::next);
        CommandPathBenchmark.RawRows rows = CommandPathBenchmark.RawRows.sampledFrom(new JdbcTemplate(dataSource));
        LoadResult raw = LoadDriver.run("raw JDBC", clients, seconds, rows.writer(dataSource));

        // the raw rows are events too: the projections work through them before freshness is probed
        awaitProjections(tokens, generations, System.nanoTime());
        ReadModels readModels = app.getBean(ReadModels.class);
        ReadSideBenchmark.Freshness freshness = ReadSideBenchmark.freshness(
                port,
                readModels.collection(ProjectionNames.VIEWS, OrderViewProjection.COLLECTION),
                app.getBean(CommandExecutor.class),
                4,
                150,
                seconds);

        Map<String, Histogram> queries = new LinkedHashMap<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        String anOrder = "g" + index + "o-" + (history.orders() / 1000) + "-0";
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("order view by id", "/api/v1/orders/" + anOrder);
        paths.put("overview, last 24 h", "/api/v1/insights/overview?from=" + now.minus(1, ChronoUnit.DAYS));
        paths.put("overview, all time", "/api/v1/insights/overview");
        paths.put("funnel, last 7 days", "/api/v1/insights/funnel?from=" + now.minus(7, ChronoUnit.DAYS));
        paths.put("seller KPIs, largest seller", "/api/v1/insights/sellers/bs-0");
        for (var query : paths.entrySet()) {
            queries.put(
                    query.getKey(),
                    ReadSideBenchmark.time(http, port, query.getValue(), runs).warm());
        }

        long rebuildBegan = System.nanoTime();
        long rebuilt = rebuildViews(http, port);
        double rebuildSeconds = (System.nanoTime() - rebuildBegan) / 1e9;
        System.out.printf(Locale.ROOT, "views rebuilt over %,d events in %.1f s%n", rebuilt, rebuildSeconds);

        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heap = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        System.out.printf(Locale.ROOT, "heap in use after GC: %,d MiB of %,d MiB%n", heap, runtime.maxMemory() >> 20);
        return new Step(
                events,
                stored,
                catchUpSeconds,
                rawSeconds,
                documentCount,
                commands,
                raw,
                freshness,
                queries,
                rebuilt,
                rebuildSeconds,
                heap);
    }

    /** Waits until every projection's live generation has reached the head of the event store; that head. */
    private static long awaitProjections(TrackingProjectionClock tokens, LiveGenerations generations, long began)
            throws InterruptedException {
        long head = tokens.head();
        long lastReport = System.nanoTime();
        while (ProjectionNames.ALL.stream()
                .anyMatch(projection ->
                        tokens.positionOf(generations.live(projection).processorName()) < head)) {
            Thread.sleep(200);
            if (System.nanoTime() - lastReport > 15_000_000_000L) {
                lastReport = System.nanoTime();
                StringBuilder progress = new StringBuilder();
                for (String projection : ProjectionNames.ALL) {
                    long position =
                            tokens.positionOf(generations.live(projection).processorName());
                    progress.append(
                            String.format(Locale.ROOT, " %s %.0f%%", projection, 100.0 * Math.max(0, position) / head));
                }
                System.out.printf(
                        Locale.ROOT, "  catch-up after %.0f s:%s%n", (System.nanoTime() - began) / 1e9, progress);
            }
        }
        return head;
    }

    /** Starts a blue/green rebuild of the views and waits for its job; the positions it covered. */
    static long rebuildViews(HttpClient http, int port) throws Exception {
        HttpResponse<String> accepted = http.send(
                Benchmarks.request(URI.create("http://localhost:" + port + "/api/v1/admin/projections/views/rebuild"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("rebuild refused: " + accepted.body());
        }
        URI job = URI.create("http://localhost:" + port
                + accepted.headers().firstValue("Location").orElseThrow());
        ObjectMapper json = new ObjectMapper();
        JsonNode status;
        long lastReport = System.nanoTime();
        do {
            Thread.sleep(500);
            status = json.readTree(http.send(Benchmarks.request(job).build(), HttpResponse.BodyHandlers.ofString())
                    .body());
            if (System.nanoTime() - lastReport > 30_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf(
                        "  rebuild: %s of %s%n",
                        status.path("done").asText(), status.path("total").asText());
            }
        } while (status.path("status").asText().equals("RUNNING"));
        if (!status.path("status").asText().equals("SUCCEEDED")) {
            throw new IllegalStateException("rebuild failed: " + status);
        }
        return status.path("result").path("events").asLong();
    }

    private static void addToSummary(List<Step> steps) {
        Step first = steps.get(0);
        for (Step step : steps) {
            String at = String.format(Locale.ROOT, " at %,d events", step.events());
            Summary.rate(
                    "growth",
                    "projection catch-up, all projections" + at,
                    step.catchUpRate(),
                    "raw bulkWrite",
                    step.rawRate(),
                    "events/s");
            Summary.rate(
                    "growth",
                    "HTTP commands, " + step.http().clients() + " clients" + at,
                    step.http().perSecond(),
                    "raw JDBC",
                    step.raw().perSecond(),
                    "/s");
            Summary.rate(
                    "growth",
                    "full rebuild of the views" + at,
                    step.rebuildRate(),
                    String.format(Locale.ROOT, "the same at %,d events", first.events()),
                    first.rebuildRate(),
                    "events/s");
            Summary.latency(
                    "growth",
                    "freshness, accepted → visible" + at,
                    step.freshness().millis(50),
                    step.freshness().millis(99));
            Histogram overview = step.queries().get("overview, all time");
            Summary.latency(
                    "growth",
                    "query: overview, all time" + at,
                    overview.getValueAtPercentile(50) / 1000.0,
                    overview.getValueAtPercentile(99) / 1000.0);
        }
    }

    /** One column per size, and the largest size's figure ÷ the smallest's. */
    static String rows(List<Step> steps) {
        StringBuilder table = new StringBuilder("| stored events |");
        steps.forEach(step -> table.append(String.format(Locale.ROOT, " %,d |", step.events())));
        table.append(" last ÷ first |\n|---|");
        steps.forEach(step -> table.append("---|"));
        table.append("---|\n");
        row(table, steps, "events stored in this step", step -> (double) step.stored(), "%,.0f");
        row(table, steps, "catch-up of those events, all projections (events/s)", Step::catchUpRate, "%,.0f");
        row(table, steps, "raw `bulkWrite` of every read-model document (events/s)", Step::rawRate, "%,.0f");
        row(table, steps, "catch-up ÷ raw `bulkWrite`", step -> step.catchUpRate() / step.rawRate(), "%.2f");
        row(table, steps, "HTTP commands/s", step -> step.http().perSecond(), "%,.0f");
        row(table, steps, "HTTP command p50 ms", step -> step.http().percentileMillis(50), "%.1f");
        row(table, steps, "HTTP command p99 ms", step -> step.http().percentileMillis(99), "%.1f");
        row(table, steps, "raw JDBC commands/s", step -> step.raw().perSecond(), "%,.0f");
        row(
                table,
                steps,
                "HTTP ÷ raw JDBC",
                step -> step.http().perSecond() / step.raw().perSecond(),
                "%.2f");
        row(
                table,
                steps,
                "freshness p50 ms (accepted → visible)",
                step -> step.freshness().millis(50),
                "%.1f");
        row(table, steps, "freshness p99 ms", step -> step.freshness().millis(99), "%.1f");
        for (String query : steps.get(0).queries().keySet()) {
            row(
                    table,
                    steps,
                    "query p50 ms: " + query,
                    step -> millis(step.queries().get(query), 50),
                    "%.1f");
            row(
                    table,
                    steps,
                    "query p99 ms: " + query,
                    step -> millis(step.queries().get(query), 99),
                    "%.1f");
        }
        row(table, steps, "full rebuild of the views (events/s)", Step::rebuildRate, "%,.0f");
        row(table, steps, "full rebuild of the views (s)", Step::rebuildSeconds, "%.1f");
        row(
                table,
                steps,
                "events in the store at the rebuild (the load runs' included)",
                step -> (double) step.rebuilt(),
                "%,.0f");
        row(table, steps, "read-model documents", step -> (double) step.documents(), "%,.0f");
        row(table, steps, "heap in use after GC (MiB)", step -> (double) step.heapMiB(), "%,.0f");
        return table.toString();
    }

    private static void row(
            StringBuilder table, List<Step> steps, String name, Function<Step, Double> figure, String format) {
        table.append("| ").append(name).append(" |");
        steps.forEach(step -> table.append(' ')
                .append(String.format(Locale.ROOT, format, figure.apply(step)))
                .append(" |"));
        double first = figure.apply(steps.get(0));
        double last = figure.apply(steps.get(steps.size() - 1));
        table.append(String.format(Locale.ROOT, " %.2f |%n", last / first));
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String section(String table, List<Step> steps, String[] args) {
        return """
                ## Growth: the same measurements at each size of the event store

                Run on %s, %s. Command:

                ```
                mvn -B -q package -DskipTests && java -Xmx20g -jar benchmarks/target/order-insight-benchmarks.jar %s
                ```

                One application on its embedded engines (PostgreSQL, in-memory MongoDB wire server), its event store
                grown step by step to each size with a generated marketplace history (about 4.8 events per order),
                the projections (%s) following live while it is stored; the fraud rules, the deadline saga, the
                Kafka publisher and the audit processors are stopped. At each size: the time until every projection
                has reached the head (storing included) over the events stored in that step, against a raw unordered
                `bulkWrite` of every read-model document there is; HTTP commands (%d closed-loop clients, place order →
                authorize → capture, %s s) against raw JDBC writes of the same rows; freshness of probe orders under a
                steady 150 commands/s; %d runs of each query; and a blue/green rebuild of the views over the
                whole history, up to its switch. The load runs store their rows as events too (the raw baseline's
                are real event rows, which the projections then read), so the store holds more than the size by the
                time of the rebuild and the next step; the rebuild's row says how many. The last column is the
                largest size's figure ÷ the smallest's.

                %s
                """.formatted(
                        LocalDate.now(),
                        Reports.machine(),
                        String.join(" ", args),
                        ProjectionNames.ALL,
                        steps.get(0).http().clients(),
                        String.format(Locale.ROOT, "%.0f", steps.get(0).http().seconds()),
                        steps.get(0).queries().values().iterator().next().getTotalCount(),
                        table);
    }
}
