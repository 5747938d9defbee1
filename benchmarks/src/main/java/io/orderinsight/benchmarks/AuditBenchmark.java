package io.orderinsight.benchmarks;

import io.orderinsight.audit.cases.CaseState;
import io.orderinsight.audit.chain.ChainVerifier;
import io.orderinsight.audit.chain.HashChain;
import io.orderinsight.command.payment.Payment;
import io.orderinsight.infra.axon.TrackingProjectionClock;
import io.orderinsight.projections.support.ProjectionNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit's costs: how fast the hash chain covers a stored history, how fast the chain is verified (endpoint, and
 * export plus the offline verifier), and what rebuilding a long case costs — its state as of a version (p50/p99), and
 * its current state loaded through the repository (snapshots) against rebuilt from every event.
 *
 * <pre>java -Xmx16g -jar benchmarks/target/order-insight-benchmarks.jar audit [--audit-events=200000] [--case-events=500]
 *     [--audit-runs=40] [--report=BENCHMARKS.md]</pre>
 */
final class AuditBenchmark {

    private static final String SECTION = "audit";

    private AuditBenchmark() {}

    static void run(Map<String, String> options, String[] args) throws Exception {
        long events = Long.parseLong(options.getOrDefault("audit-events", "200000"));
        int caseEvents = Integer.parseInt(options.getOrDefault("case-events", "500"));
        int runs = Integer.parseInt(options.getOrDefault("audit-runs", "40"));
        Path report = Path.of(options.getOrDefault("report", "BENCHMARKS.md"));
        StringBuilder results = new StringBuilder();
        try (ConfigurableApplicationContext app = Benchmarks.start()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            // the chain alone reads the history; the other processors would share the two cores with it
            processing.eventProcessors().forEach((name, processor) -> {
                if (!name.equals(HashChain.PROCESSING_GROUP)) {
                    processor.shutDown();
                }
            });
            processing.eventProcessor(HashChain.PROCESSING_GROUP).orElseThrow().shutDown();
            long stored = ReadSideBenchmark.store(
                    app, new HistoryGenerator(11, Instant.now().truncatedTo(ChronoUnit.HOURS), "a"), events);
            long total = jdbc.queryForObject("select count(*) from domainevententry", Long.class);
            long began = System.nanoTime();
            processing.eventProcessor(HashChain.PROCESSING_GROUP).orElseThrow().start();
            while (chained(jdbc) < total) {
                Thread.sleep(200);
            }
            double chainSeconds = (System.nanoTime() - began) / 1e9;
            System.out.printf(Locale.ROOT, "chained %,d events in %.1f s%n", total, chainSeconds);

            HttpClient http = HttpClient.newHttpClient();
            long verifyBegan = System.nanoTime();
            String verification = get(http, port, "/api/v1/audit/verification");
            double verifySeconds = (System.nanoTime() - verifyBegan) / 1e9;
            if (!verification.contains("\"verified\":true")) {
                throw new IllegalStateException("the chain did not verify: " + verification);
            }
            Path export = Files.createTempFile("chain-", ".ndjson");
            long exportBegan = System.nanoTime();
            http.send(
                    Benchmarks.request(URI.create("http://localhost:" + port + "/api/v1/audit/export"))
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(export));
            double exportSeconds = (System.nanoTime() - exportBegan) / 1e9;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long offlineBegan = System.nanoTime();
            int exit = ChainVerifier.run(
                    new String[] {"--export=" + export}, new PrintStream(out, true, StandardCharsets.UTF_8));
            double offlineSeconds = (System.nanoTime() - offlineBegan) / 1e9;
            if (exit != 0) {
                throw new IllegalStateException("offline verification failed: " + out);
            }
            Files.deleteIfExists(export);
            results.append(String.format(
                    Locale.ROOT,
                    "| hash chain over %,d stored events (%,d generated) | seconds | events/s |%n|---|---|---|%n"
                            + "| chain built by the `audit-chain` processor | %.1f | %,.0f |%n"
                            + "| verification endpoint (every link recomputed, every event checked) | %.1f | %,.0f |%n"
                            + "| NDJSON export | %.1f | %,.0f |%n"
                            + "| offline verifier over that export | %.1f | %,.0f |%n",
                    total,
                    stored,
                    chainSeconds,
                    total / chainSeconds,
                    verifySeconds,
                    total / verifySeconds,
                    exportSeconds,
                    total / exportSeconds,
                    offlineSeconds,
                    total / offlineSeconds));
            System.out.println(results);
            Summary.rate(
                    "audit",
                    String.format(Locale.ROOT, "chain verification endpoint over %,d events", total),
                    total / verifySeconds,
                    "offline verifier",
                    total / offlineSeconds,
                    "events/s");
            results.append("\n").append(rebuild(app, http, port));
            // the case index (and the rest) now work through the stored history before the long case can be read
            processing.eventProcessors().forEach((name, processor) -> processor.start());
            results.append("\n").append(longCase(app, http, port, caseEvents, runs));
        }
        String section = """
                ## Audit: hash chain, verification, state of a long case

                Run on %s, %s. Command:

                ```
                mvn -B -q package -DskipTests && java -Xmx16g -jar benchmarks/target/order-insight-benchmarks.jar %s
                ```

                A generated history is stored with every processor stopped; then the chain's processor alone covers
                it, the verification endpoint recomputes every link from the stored events and checks that every
                event is chained, the export streams it as NDJSON and the offline verifier checks that file. The long
                case is one order whose payment is captured in many small parts through the HTTP API. The views' rebuild is
                timed against their live processor's catch-up over the same history (the other projections stopped).

                %s
                """.formatted(LocalDate.now(), Reports.machine(), String.join(" ", args), results);
        System.out.println(results);
        Reports.replaceSection(report, SECTION, section);
        System.out.println("written to " + report.toAbsolutePath());
    }

    /**
     * The views over the stored history twice: their live processor catching up from where it stopped (before
     * the history was stored), then a blue/green rebuild of a new generation from the start, up to its switch.
     */
    private static String rebuild(ConfigurableApplicationContext app, HttpClient http, int port) throws Exception {
        TrackingProjectionClock tokens = app.getBean(TrackingProjectionClock.class);
        EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
        long head = tokens.head();
        long from = Math.max(tokens.positionOf(ProjectionNames.VIEWS), 0);
        long catchUpBegan = System.nanoTime();
        processing.eventProcessor(ProjectionNames.VIEWS).orElseThrow().start();
        while (tokens.positionOf(ProjectionNames.VIEWS) < head) {
            Thread.sleep(100);
        }
        double catchUpSeconds = (System.nanoTime() - catchUpBegan) / 1e9;
        long caughtUp = head - from;
        System.out.printf(Locale.ROOT, "views caught up over %,d positions in %.1f s%n", caughtUp, catchUpSeconds);

        long rebuildBegan = System.nanoTime();
        long rebuilt = GrowthBenchmark.rebuildViews(http, port);
        double rebuildSeconds = (System.nanoTime() - rebuildBegan) / 1e9;
        System.out.printf(Locale.ROOT, "views rebuilt over %,d positions in %.1f s%n", rebuilt, rebuildSeconds);
        double catchUpRate = caughtUp / catchUpSeconds;
        double rebuildRate = rebuilt / rebuildSeconds;
        Summary.rate(
                "audit",
                String.format(Locale.ROOT, "views blue/green rebuild over %,d events", head + 1),
                rebuildRate,
                "live catch-up",
                catchUpRate,
                "events/s");
        return String.format(
                Locale.ROOT,
                "| the views over %,d stored events | positions | seconds | events/s | ratio |%n|---|---|---|---|---|%n"
                        + "| plain catch-up of the live processor (baseline) | %,d | %.1f | %,.0f | 1.00 |%n"
                        + "| blue/green rebuild: generation 2 from the start, up to the switch | %,d | %.1f | %,.0f | %.2f |%n",
                head + 1,
                caughtUp,
                catchUpSeconds,
                catchUpRate,
                rebuilt,
                rebuildSeconds,
                rebuildRate,
                rebuildRate / catchUpRate);
    }

    private static long chained(JdbcTemplate jdbc) {
        Long chained = jdbc.queryForObject("select count(*) from hash_chain", Long.class);
        return chained == null ? 0 : chained;
    }

    private static String longCase(
            ConfigurableApplicationContext app, HttpClient http, int port, int caseEvents, int runs) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String order = "long-" + run;
        String payment = "long-p-" + run;
        post(http, port, "/api/v1/orders", """
                {"orderId":"%s","customerId":"c-long","sellerId":"s-long","currency":"USD","channel":"SHOP",
                 "shippingCountry":"US","items":[{"sku":"sku-1","category":"books","quantity":1,"unitPrice":100000000}]}
                """.formatted(order));
        post(http, port, "/api/v1/payments", """
                {"paymentId":"%s","orderId":"%s","amount":100000000,"currency":"USD","method":"CARD",
                 "outcome":"AUTHORIZED","cardFingerprint":"fp-long","ipCountry":"US","billingCountry":"US"}
                """.formatted(payment, order));
        for (int i = 2; i < caseEvents; i++) {
            post(http, port, "/api/v1/payments/" + payment + "/capture", "{\"amount\":1}");
        }
        CaseState state = app.getBean(CaseState.class);
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        while (jdbc.queryForObject("select count(*) from case_member where order_id = ?", Long.class, order) < 2) {
            Thread.sleep(50);
        }
        Histogram half = new Histogram(3);
        Histogram full = new Histogram(3);
        Histogram rebuilt = new Histogram(3);
        Histogram loaded = new Histogram(3);
        @SuppressWarnings("unchecked")
        Repository<Payment> payments = (Repository<Payment>) app.getBean("paymentRepository");
        for (int i = 0; i < runs + 5; i++) {
            boolean measured = i >= 5;
            long began = System.nanoTime();
            state.of(order, null, caseEvents / 2);
            record(half, began, measured);
            began = System.nanoTime();
            state.of(order, null, caseEvents);
            record(full, began, measured);
            began = System.nanoTime();
            state.of(order, Instant.now(), null);
            record(rebuilt, began, measured);
            began = System.nanoTime();
            DefaultUnitOfWork.startAndGet(null)
                    .executeWithResult(() -> payments.load(payment).invoke(p -> p));
            record(loaded, began, measured);
        }
        return String.format(
                Locale.ROOT,
                "| a case of %d events (%d runs) | p50 ms | p99 ms |%n|---|---|---|%n"
                        + "| state as of version %d | %.1f | %.1f |%n"
                        + "| state as of version %d (all) | %.1f | %.1f |%n"
                        + "| current state rebuilt from every event (as of now) | %.1f | %.1f |%n"
                        + "| current payment loaded through the repository (snapshots, every %s events; aggregate cache) | %.2f | %.2f |%n",
                caseEvents,
                runs,
                caseEvents / 2,
                millis(half, 50),
                millis(half, 99),
                caseEvents,
                millis(full, 50),
                millis(full, 99),
                millis(rebuilt, 50),
                millis(rebuilt, 99),
                app.getEnvironment().getProperty("orderinsight.commands.snapshot-threshold", "50"),
                millis(loaded, 50),
                millis(loaded, 99));
    }

    private static void record(Histogram histogram, long began, boolean measured) {
        if (measured) {
            histogram.recordValue(Math.max(1, (System.nanoTime() - began) / 1000));
        }
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String get(HttpClient http, int port, String path) throws Exception {
        return http.send(
                        Benchmarks.request(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void post(HttpClient http, int port, String path, String body) throws Exception {
        int status = http.send(
                        Benchmarks.request(URI.create("http://localhost:" + port + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status >= 300) {
            throw new IllegalStateException(path + " answered " + status);
        }
    }
}
