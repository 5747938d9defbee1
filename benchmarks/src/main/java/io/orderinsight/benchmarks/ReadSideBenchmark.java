package io.orderinsight.benchmarks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import io.orderinsight.command.api.CommandExecutor;
import io.orderinsight.infra.axon.TrackingProjectionClock;
import io.orderinsight.infra.generations.GenerationProcessors;
import io.orderinsight.infra.generations.ProjectionCatalog;
import io.orderinsight.projections.insight.InsightCollections;
import io.orderinsight.projections.insight.InsightProjection;
import io.orderinsight.projections.order.OrderViewProjection;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.ProjectionNames;
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read side at volume, in one process with the whole application:
 *
 * <ol>
 *   <li><b>catch-up</b>: a generated history ({@link HistoryGenerator}) is stored while the projections are stopped,
 *       then they start from nothing and the time until every one has reached the head is measured; the raw ceiling
 *       is the time the driver's {@code bulkWrite} takes to write the same documents (those the projections produced)
 *       into empty collections, in batches of 1,000;
 *   <li><b>queries</b>: overview, sales and funnel through HTTP on the resulting read models, p50/p99;
 *   <li><b>freshness</b>: under a steady in-process command load, probe orders placed over HTTP, each timed from the
 *       201 answer until its order view can be read from MongoDB.
 * </ol>
 */
final class ReadSideBenchmark {

    static final String SECTION = "read-side";
    private static final int STORE_BATCH = 2_000;
    private static final int BULK_BATCH = 1_000;
    private static final int READ_BATCH = 50;

    private ReadSideBenchmark() {}

    static void run(Map<String, String> options, String[] args) throws Exception {
        long events = Long.parseLong(options.getOrDefault("events", "1000000"));
        int queryRuns = Integer.parseInt(options.getOrDefault("query-runs", "40"));
        double freshnessSeconds = Double.parseDouble(options.getOrDefault("freshness-seconds", "30"));
        int loadClients = Integer.parseInt(options.getOrDefault("load-clients", "4"));
        double loadRate = Double.parseDouble(options.getOrDefault("load-rate", "300"));
        long queryOrders = Long.parseLong(options.getOrDefault("query-orders", "1000000"));
        HistoryGenerator.Times times = HistoryGenerator.Times.of(options.getOrDefault("history", "ordered"));
        Path report = Path.of(options.getOrDefault("report", "BENCHMARKS.md"));
        System.out.printf(
                "Order Insight read-side benchmark: %,d stored events, %d runs per query, %.0f s of freshness probes%n",
                events, queryRuns, freshnessSeconds);

        StringBuilder results = new StringBuilder();
        try (ConfigurableApplicationContext app = Benchmarks.start()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            MongoDatabase readModels = app.getBean(MongoDatabase.class);

            for (String group : ProjectionNames.ALL) {
                processing.eventProcessor(group).ifPresent(EventProcessor::shutDown);
            }
            // the read side alone: the fraud rules, the deadline saga, the Kafka publisher and the audit processors
            // would work through the generated history on the same two cores (and the saga schedule its deadlines)
            processing.eventProcessors().forEach((name, processor) -> {
                if (!ProjectionNames.ALL.contains(name)) {
                    processor.shutDown();
                }
            });
            HistoryGenerator history =
                    new HistoryGenerator(42, Instant.now().truncatedTo(ChronoUnit.HOURS), "b", times);
            long stored = store(app, history, events);
            long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);

            Map<String, Double> finished = catchUp(app, head);
            System.out.printf(Locale.ROOT, "caught up after (s): %s%n", finished);
            double catchUp = finished.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElseThrow();
            Map<String, Long> documents = new LinkedHashMap<>();
            double raw = rawCeiling(readModels, documents);
            long docs = documents.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(
                    Locale.ROOT,
                    "catch-up (history %s): %,d events in %.1f s = %,.0f events/s; raw bulkWrite of the same %,d "
                            + "documents %.1f s = %,.0f events/s; ratio %.0f%%%n",
                    times.name().toLowerCase(Locale.ROOT),
                    stored,
                    catchUp,
                    stored / catchUp,
                    docs,
                    raw,
                    stored / raw,
                    100 * raw / catchUp);
            results.append(catchUpTable(stored, history, finished, catchUp, raw, documents));
            Summary.rate(
                    "read side",
                    String.format(Locale.ROOT, "catch-up of %,d events, all projections", stored),
                    stored / catchUp,
                    "raw bulkWrite",
                    stored / raw,
                    "events/s");

            if (freshnessSeconds > 0) {
                CommandExecutor executor = app.getBean(CommandExecutor.class);
                Freshness fresh = freshness(
                        port,
                        readModels.getCollection(OrderViewProjection.COLLECTION),
                        executor,
                        loadClients,
                        loadRate,
                        freshnessSeconds);
                results.append("\n").append(fresh.table());
                Summary.latency("read side", "freshness, accepted → visible", fresh.millis(50), fresh.millis(99));
            }
            if (queryOrders > 0) {
                long orders = fill(app, processing, queryOrders);
                results.append("\n").append(queries(port, queryRuns, orders));
            }

            results.append("\n").append(viewsAlone(app, port, readModels, jdbc));
        }
        String section = section(results.toString(), args);
        System.out.println();
        System.out.println(results);
        Reports.replaceSection(report, SECTION, section);
        System.out.println("written to " + report.toAbsolutePath());
    }

    static long store(ConfigurableApplicationContext app, HistoryGenerator history, long events) {
        EventStorageEngine storage = app.getBean(EventStorageEngine.class);
        TransactionTemplate transactions = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        List<DomainEventMessage<?>> batch = new ArrayList<>(STORE_BATCH);
        long[] stored = {0};
        long began = System.nanoTime();
        Runnable flush = () -> {
            transactions.executeWithoutResult(status -> storage.appendEvents(batch));
            stored[0] += batch.size();
            batch.clear();
            if (stored[0] % 100_000 < STORE_BATCH) {
                System.out.printf("  stored %,d events%n", stored[0]);
            }
        };
        history.generate(events, event -> {
            batch.add(event);
            if (batch.size() == STORE_BATCH) {
                flush.run();
            }
        });
        if (!batch.isEmpty()) {
            flush.run();
        }
        System.out.printf(
                Locale.ROOT,
                "stored %,d events of %,d orders in %.1f s%n",
                stored[0],
                history.orders(),
                (System.nanoTime() - began) / 1e9);
        return stored[0];
    }

    /**
     * Starts every projection from nothing as a node starts them (those far behind catch up in pages first, while
     * their processors wait: {@link GenerationProcessors#catchUpLiveGenerations}); the seconds each one took to reach
     * {@code head}, by the lowest position of its segments in the token store.
     */
    static Map<String, Double> catchUp(ConfigurableApplicationContext app, long head) throws InterruptedException {
        EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
        TrackingProjectionClock tokens = app.getBean(TrackingProjectionClock.class);
        long began = System.nanoTime();
        app.getBean(GenerationProcessors.class).catchUpLiveGenerations();
        for (String group : ProjectionNames.ALL) {
            processing.eventProcessor(group).ifPresent(EventProcessor::start);
        }
        Map<String, Double> finished = new LinkedHashMap<>();
        long lastReport = began;
        while (finished.size() < ProjectionNames.ALL.size()) {
            Thread.sleep(100);
            long now = System.nanoTime();
            StringBuilder progress = new StringBuilder();
            for (String group : ProjectionNames.ALL) {
                long position = tokens.positionOf(group);
                if (!finished.containsKey(group) && position >= head) {
                    finished.put(group, (now - began) / 1e9);
                }
                progress.append(String.format(Locale.ROOT, " %s %.0f%%", group, 100.0 * Math.max(0, position) / head));
            }
            if (now - lastReport > 10_000_000_000L) {
                System.out.printf(Locale.ROOT, "  catch-up after %.0f s:%s%n", (now - began) / 1e9, progress);
                lastReport = now;
            }
        }
        return finished;
    }

    /**
     * The views alone, from nothing, three ways over the same stored events: their blue/green rebuild through the admin
     * API (the order, payment, refund and risk views: one processor, one unit of rebuild), the {@link PlainAxonPeer}
     * (the order views only), and a raw {@code bulkWrite} of the documents the views hold. Runs last: the rebuild makes a new generation live. Nothing else is processing by then (the insight
     * processor was stopped to fill its read models, the other projections are at the head).
     */
    private static String viewsAlone(
            ConfigurableApplicationContext app, int port, MongoDatabase readModels, JdbcTemplate jdbc)
            throws Exception {
        long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        long[] orderViews = {0};
        double raw = rawWrite(readModels, OrderViewProjection.COLLECTION, orderViews);
        long[] written = {orderViews[0]};
        for (String collection :
                ProjectionCatalog.collections(Generation.of(ProjectionNames.VIEWS, Generation.FIRST))) {
            if (!collection.equals(OrderViewProjection.COLLECTION)) {
                raw += rawWrite(readModels, collection, written);
            }
        }
        PlainAxonPeer.Result peer = PlainAxonPeer.run(app, head, events);
        System.out.printf(
                Locale.ROOT,
                "plain Axon peer: %,d events in %.1f s = %,.0f events/s; %,d of %,d order views as the projection's%n",
                events,
                peer.seconds(),
                peer.rate(),
                peer.matching(),
                peer.views());
        // counted again: the freshness probes' last orders may have been stored after the views were copied above
        long ours = readModels.getCollection(OrderViewProjection.COLLECTION).countDocuments();
        if (peer.matching() != ours || peer.views() != ours) {
            throw new IllegalStateException("the plain peer's order views differ from the projection's: "
                    + peer.matching() + " of " + peer.views() + " alike, " + ours + " expected");
        }
        long began = System.nanoTime();
        GrowthBenchmark.rebuildViews(HttpClient.newHttpClient(), port);
        double rebuild = (System.nanoTime() - began) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "views' blue/green rebuild: %,d events in %.1f s = %,.0f events/s; raw bulkWrite of their %,d "
                        + "documents %.1f s%n",
                events,
                rebuild,
                events / rebuild,
                written[0],
                raw);
        String what = String.format(Locale.ROOT, "views' blue/green rebuild over %,d events", events);
        Summary.rate(
                "read side", what, events / rebuild, "plain Axon peer (order views only)", peer.rate(), "events/s");
        Summary.rate("read side", what, events / rebuild, "raw bulkWrite of their documents", events / raw, "events/s");
        return String.format(
                Locale.ROOT,
                "**The views alone**, from nothing over the same %,d stored events (%,d order views, %,d documents "
                        + "of the four views), nothing else processing:%n%n"
                        + "| run | s | events/s | rebuild's ratio to it |%n|---|---|---|---|%n"
                        + "| blue/green rebuild of the views (order, payment, refund and risk views; admin API, "
                        + "generation 2 up to the switch) | %.1f | %,.0f | — |%n"
                        + "| plain Axon peer, the order views only: JDBC event store, one tracking processor (Axon's "
                        + "defaults), a Spring Data `findById` + `save` per event | %.1f | %,.0f | %.1f× |%n"
                        + "| raw `bulkWrite` of the four views' documents | %.1f | %,.0f | %.2f |%n%n"
                        + "The peer's order views were compared with the projection's, field by field on status, total, "
                        + "refunds and every payment's amounts: %,d of %,d alike.%n",
                events,
                orderViews[0],
                written[0],
                rebuild,
                events / rebuild,
                peer.seconds(),
                peer.rate(),
                peer.seconds() / rebuild,
                raw,
                events / raw,
                raw / rebuild,
                peer.matching(),
                peer.views());
    }

    /**
     * Seconds to write every read-model document again with {@code bulkWrite} (unordered, 1,000 at a time) into empty
     * collections; only the writes are timed, the documents are read in between. The insight roll-ups (day, month,
     * calendar) are left out: the baseline is the document set the projections kept before them.
     */
    static double rawCeiling(MongoDatabase readModels, Map<String, Long> documents) {
        long nanos = 0;
        for (String name : readModels.listCollectionNames().into(new ArrayList<>())) {
            if (name.equals("trackingtokens") || name.endsWith("_raw") || name.equals("projection_generations")) {
                continue;
            }
            long[] written = {0};
            nanos += (long) (rawWrite(readModels, name, written) * 1e9);
            documents.put(name, written[0]);
        }
        return nanos / 1e9;
    }

    /**
     * Seconds to {@code bulkWrite} the documents of collection {@code name} into an empty one, dropped afterwards;
     * how many in {@code written[0]}.
     */
    private static double rawWrite(MongoDatabase readModels, String name, long[] written) {
        MongoCollection<Document> target = readModels.getCollection(name + "_raw");
        List<WriteModel<Document>> writes = new ArrayList<>(BULK_BATCH);
        long nanos = 0;
        long before = written[0];
        // the documents the projections kept before the roll-ups: the baseline stays that set
        try (var documentsOfName = readModels
                .getCollection(name)
                .find(Filters.exists(InsightCollections.ROLLUP, false))
                // read in small batches (not timed): a thousand hour documents of a busy history outgrow the largest
                // reply the driver accepts (48 MB)
                .batchSize(READ_BATCH)
                .iterator()) {
            while (documentsOfName.hasNext()) {
                writes.add(new InsertOneModel<>(documentsOfName.next()));
                if (writes.size() == BULK_BATCH || !documentsOfName.hasNext()) {
                    long began = System.nanoTime();
                    target.bulkWrite(writes, new BulkWriteOptions().ordered(false));
                    nanos += System.nanoTime() - began;
                    written[0] += writes.size();
                    writes.clear();
                }
            }
        }
        if (written[0] > before) {
            target.drop();
        }
        return nanos / 1e9;
    }

    private static String catchUpTable(
            long events,
            HistoryGenerator history,
            Map<String, Double> finished,
            double all,
            double raw,
            Map<String, Long> docs) {
        StringBuilder table = new StringBuilder(String.format(
                Locale.ROOT,
                "**Catch-up** of %,d stored events (%,d orders, %s), all projections at once from nothing:%n%n",
                events,
                history.orders(),
                history.times() == HistoryGenerator.Times.ORDERED
                        ? "waves in time order"
                        : "each order at a random time of the 30 days"));
        table.append("| projection | caught up after s | events/s |\n|---|---|---|\n");
        finished.forEach((group, seconds) ->
                table.append(String.format(Locale.ROOT, "| %s | %.1f | %,.0f |%n", group, seconds, events / seconds)));
        table.append(String.format(
                Locale.ROOT,
                "| **all projections** | %.1f | %,.0f |%n| raw `bulkWrite` of the same %,d documents | %.1f | %,.0f "
                        + "|%n%n**Ratio: %.0f%% of the raw ceiling.** Documents per collection: %s.%n",
                all,
                events / all,
                docs.values().stream().mapToLong(Long::longValue).sum(),
                raw,
                events / raw,
                100 * raw / all,
                docs));
        return table.toString();
    }

    /**
     * Grows the insight read models to {@code target} orders for the query measurements: a further generated history
     * handed straight to the insight projection's handlers in batches of 1,000 — the code its processor runs, without
     * storing the events first, which at the catch-up rate above would take hours. The processor is stopped first and
     * the positions given lie beyond the event store's, so nothing interleaves.
     */
    static long fill(ConfigurableApplicationContext app, EventProcessingConfiguration processing, long target) {
        processing.eventProcessor(ProjectionNames.INSIGHT).ifPresent(EventProcessor::shutDown);
        MongoDatabase readModels = app.getBean(MongoDatabase.class);
        long present = readModels.getCollection(InsightCollections.ORDERS).countDocuments();
        if (present >= target) {
            return present;
        }
        InsightProjection insight = app.getBean(InsightProjection.class);
        SimpleEventHandlerInvoker handlers = SimpleEventHandlerInvoker.builder()
                .eventHandlers(insight.handlers())
                .build();
        HistoryGenerator more = new HistoryGenerator(7, Instant.now().truncatedTo(ChronoUnit.HOURS), "q");
        long[] position = {Long.MAX_VALUE / 2};
        long[] fed = {0};
        List<TrackedEventMessage<?>> batch = new ArrayList<>();
        long began = System.nanoTime();
        Runnable flush = () -> {
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(
                            unitOfWork, List.of(insight.flushAtEndOfBatch()), message -> {
                                handlers.handle(message, Segment.ROOT_SEGMENT);
                                return null;
                            })
                    .proceed());
            if (result.isExceptional()) {
                throw new IllegalStateException("filling the read models failed", result.exceptionResult());
            }
            fed[0] += batch.size();
            batch.clear();
            if (fed[0] % 500_000 < 1_000) {
                System.out.printf("  fed %,d events to the insight projection%n", fed[0]);
            }
        };
        more.generateOrders(target - present, event -> {
            batch.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position[0]++), event));
            if (batch.size() == 1_000) {
                flush.run();
            }
        });
        if (!batch.isEmpty()) {
            flush.run();
        }
        long orders = readModels.getCollection(InsightCollections.ORDERS).countDocuments();
        System.out.printf(
                Locale.ROOT,
                "insight read models hold %,d orders (%,d events fed in %.0f s)%n",
                orders,
                fed[0],
                (System.nanoTime() - began) / 1e9);
        return orders;
    }

    private static String queries(int port, int runs, long orders) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("overview, all time", "/api/v1/insights/overview");
        paths.put("overview, last 24 h", "/api/v1/insights/overview?from=" + now.minus(1, ChronoUnit.DAYS));
        paths.put("funnel, last 7 days", "/api/v1/insights/funnel?from=" + now.minus(7, ChronoUnit.DAYS));
        paths.put("sales by day, all time", "/api/v1/insights/sales?granularity=DAY");
        paths.put(
                "sales by hour × channel, last 24 h",
                "/api/v1/insights/sales?granularity=HOUR&groupBy=channel&from=" + now.minus(1, ChronoUnit.DAYS));
        paths.put(
                "sales by day × category, last 7 days",
                "/api/v1/insights/sales?granularity=DAY&groupBy=category&from=" + now.minus(7, ChronoUnit.DAYS));
        paths.put("seller KPIs, largest seller", "/api/v1/insights/sellers/bs-0");
        // what the dashboard asks on its month range: 30 whole days (UTC), today included, open-ended
        String month = "from=" + Instant.now().truncatedTo(ChronoUnit.DAYS).minus(29, ChronoUnit.DAYS);
        paths.put("dashboard: sales by day, last 30 days", "/api/v1/insights/sales?granularity=DAY&" + month);
        for (String dimension : List.of("channel", "country", "seller")) {
            paths.put(
                    "dashboard: sales by " + dimension + ", last 30 days (total)",
                    "/api/v1/insights/sales?granularity=TOTAL&groupBy=" + dimension + "&" + month);
        }
        // the same by seller and by day: one bucket per seller and day (a long answer, not the dashboard's)
        paths.put(
                "sales by day × seller, last 30 days",
                "/api/v1/insights/sales?granularity=DAY&groupBy=seller&" + month);
        paths.put("dashboard: open alerts", "/api/v1/alerts?status=OPEN&size=12");
        paths.put("dashboard: risk rules", "/api/v1/risk/rules");
        paths.put("dashboard: losses by cause", "/api/v1/insights/losses?groupBy=cause");
        StringBuilder table = new StringBuilder(String.format(
                Locale.ROOT,
                "**Queries** over HTTP with %,d orders in the insight read models (the catch-up's, grown by feeding a "
                        + "further generated history straight to the insight projection's handlers), %d runs each "
                        + "after 3 unmeasured; *first* is the first of its kind since the application started "
                        + "(its code and data not yet warm):%n%n"
                        + "| query | first ms | p50 ms | p99 ms | max ms |%n|---|---|---|---|---|%n",
                orders,
                runs));
        for (var query : paths.entrySet()) {
            Latencies timed = time(http, port, query.getValue(), runs);
            Histogram latencies = timed.warm();
            String row = String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.1f | %.1f |%n",
                    query.getKey(),
                    timed.firstMicros() / 1000.0,
                    latencies.getValueAtPercentile(50) / 1000.0,
                    latencies.getValueAtPercentile(99) / 1000.0,
                    latencies.getMaxValue() / 1000.0);
            System.out.print(row);
            table.append(row);
        }
        return table.toString();
    }

    /** The first of a query's answers, and those after it has warmed up, in microseconds. */
    record Latencies(long firstMicros, Histogram warm) {}

    /**
     * Microseconds of {@code runs} GETs of {@code path} after 3 unmeasured, and of the first of those; anything but 200
     * fails the run.
     */
    static Latencies time(HttpClient http, int port, String path, int runs) throws Exception {
        HttpRequest request = Benchmarks.request(URI.create("http://localhost:" + port + path))
                .build();
        Histogram latencies = new Histogram(3);
        long first = 0;
        for (int run = -3; run < runs; run++) {
            long began = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            long micros = Math.max(1, (System.nanoTime() - began) / 1000);
            if (run == -3) {
                first = micros;
            }
            if (run >= 0) {
                latencies.recordValue(micros);
            }
        }
        return new Latencies(first, latencies);
    }

    /** Probe orders timed from their 201 until their order view is readable, under a steady command load. */
    record Freshness(int probes, int clients, double rate, double sentPerSecond, Histogram visible) {

        double millis(double percentile) {
            return visible.getValueAtPercentile(percentile) / 1000.0;
        }

        String table() {
            return String.format(
                    Locale.ROOT,
                    "**Freshness** (command accepted → visible in the order view) of %d probe orders placed over HTTP "
                            + "every ~50 ms under a steady load of %d in-process clients paced to %,.0f commands/s (sent %,.0f/s):%n%n"
                            + "| p50 ms | p90 ms | p99 ms | max ms |%n|---|---|---|---|%n| %.1f | %.1f | %.1f | %.1f |%n",
                    probes,
                    clients,
                    rate,
                    sentPerSecond,
                    millis(50),
                    millis(90),
                    millis(99),
                    visible.getMaxValue() / 1000.0);
        }
    }

    static Freshness freshness(
            int port,
            MongoCollection<Document> orders,
            CommandExecutor executor,
            int clients,
            double rate,
            double seconds)
            throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicBoolean loading = new AtomicBoolean(true);
        CommandPathBenchmark.InProcessClient load = new CommandPathBenchmark.InProcessClient(executor);
        List<Thread> threads = new ArrayList<>();
        long[] commands = new long[clients];
        for (int client = 0; client < clients; client++) {
            int id = client;
            long interval = (long) (1e9 * clients / rate);
            Thread thread = new Thread(() -> {
                long next = System.nanoTime();
                for (long sequence = 0; loading.get(); sequence++) {
                    load.next(id, sequence);
                    commands[id]++;
                    next += interval;
                    LockSupport.parkNanos(next - System.nanoTime());
                }
            });
            thread.start();
            threads.add(thread);
        }
        Histogram visible = new Histogram(3);
        String run = UUID.randomUUID().toString().substring(0, 6);
        long began = System.nanoTime();
        long deadline = began + (long) (seconds * 1e9);
        int probes = 0;
        for (; System.nanoTime() < deadline; probes++) {
            String order = "fresh-" + run + "-" + probes;
            HttpRequest request = Benchmarks.request(URI.create("http://localhost:" + port + "/api/v1/orders"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"orderId":"%s","customerId":"c-fresh","sellerId":"s-fresh","currency":"USD",
                             "channel":"SHOP","shippingCountry":"US",
                             "items":[{"sku":"sku-1","category":"books","quantity":1,"unitPrice":1000}]}
                            """.formatted(order)))
                    .build();
            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 201) {
                throw new IllegalStateException("probe order " + order + " was refused");
            }
            long accepted = System.nanoTime();
            while (orders.find(Filters.eq("_id", order)).first() == null) {
                Thread.sleep(0, 200_000);
            }
            visible.recordValue(Math.max(1, (System.nanoTime() - accepted) / 1000));
            Thread.sleep(50);
        }
        loading.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        long sent = java.util.Arrays.stream(commands).sum();
        Freshness result = new Freshness(probes, clients, rate, sent / elapsed, visible);
        System.out.print(result.table());
        return result;
    }

    private static String section(String results, String[] args) {
        return """
                ## Read side

                Run on %s, %s. Command:

                ```
                mvn -B -q package -DskipTests && java -Xmx16g -jar benchmarks/target/order-insight-benchmarks.jar %s
                ```

                The whole application in one process on its embedded engines (PostgreSQL, in-memory MongoDB wire
                server), sharing two cores with the load. Projections: %s (pooled processors, batch 200, four segments
                each on two threads).

                %s
                """.formatted(LocalDate.now(), Reports.machine(), String.join(" ", args), ProjectionNames.ALL, results);
    }
}
