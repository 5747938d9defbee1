package io.orderinsight.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the fraud rules cost the command path, and how fast a block takes effect. The same HTTP load (place order →
 * authorize → capture, customers with their own cards: traffic no rule should flag) runs against a fresh application
 * with every rule disabled and then with every rule enabled, in the same process. With the rules on, a card-testing
 * pattern is injected a few times a second (five declines for a new customer) and the time from the fifth decline's
 * acknowledgement until that customer's next order is refused (CUSTOMER_BLOCKED) is measured from the client's side,
 * beside the detector's own measure (trigger event recorded → alert and block committed).
 *
 * <pre>java -jar benchmarks/target/order-insight-benchmarks.jar risk [--risk-clients=16] [--risk-seconds=30] [--risk-rate=150]
 *     [--warmup=20] [--report=BENCHMARKS.md]</pre>
 */
final class RiskBenchmark {

    private static final String SECTION = "risk";
    private static final List<String> RULES = List.of(
            "unpaid-order",
            "stale-authorization",
            "amount-mismatch",
            "duplicate-capture",
            "refund-abuse",
            "chargeback-after-refund",
            "card-testing",
            "shipped-before-capture",
            "geo-mismatch",
            "merchant-dispute-ratio");

    private RiskBenchmark() {}

    static void run(Map<String, String> options, String[] args) throws Exception {
        int clients = Integer.parseInt(options.getOrDefault("risk-clients", "16"));
        double seconds = Double.parseDouble(options.getOrDefault("risk-seconds", "30"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "20"));
        double rate = Double.parseDouble(options.getOrDefault("risk-rate", "150"));
        Path report = Path.of(options.getOrDefault("report", "BENCHMARKS.md"));
        System.out.printf("Order Insight fraud rules benchmark: %d clients, %.0f s per run%n", clients, seconds);

        LoadResult off;
        List<String> disabled = new ArrayList<>();
        RULES.forEach(rule -> disabled.add("--orderinsight.risk." + rule + ".enabled=false"));
        try (ConfigurableApplicationContext app = Benchmarks.start(disabled.toArray(String[]::new))) {
            // a client per run: each run's ids are new
            LoadDriver.run("warm-up", clients, warmup, new TrafficClient(port(app))::next);
            off = LoadDriver.run("rules off", clients, seconds, new TrafficClient(port(app))::next);
        }
        LoadResult on;
        Histogram saturated;
        Histogram steady;
        TimerFigures detector;
        long sent;
        try (ConfigurableApplicationContext app = Benchmarks.start()) {
            LoadDriver.run("warm-up", clients, warmup, new TrafficClient(port(app))::next);
            CardTester tester = new CardTester(port(app));
            Thread injector = new Thread(tester, "card-testing-injector");
            injector.start();
            on = LoadDriver.run("rules on", clients, seconds, new TrafficClient(port(app))::next);
            tester.stop();
            injector.join();
            saturated = tester.latencies();
            // let the detector finish the backlog of the saturating run before the steady one
            Thread.sleep(20_000);
            CardTester steadyTester = new CardTester(port(app));
            Thread steadyInjector = new Thread(steadyTester, "card-testing-injector-steady");
            steadyInjector.start();
            sent = paced(new TrafficClient(port(app)), 4, rate, seconds);
            steadyTester.stop();
            steadyInjector.join();
            steady = steadyTester.latencies();
            detector = TimerFigures.of(app.getBean(MeterRegistry.class), "orderinsight.risk.detection.window");
        }
        String table = table(off, on, saturated, steady, rate, sent / seconds, detector);
        Summary.rate(
                "fraud rules",
                "HTTP commands, rules on, " + clients + " clients",
                on.perSecond(),
                "rules off",
                off.perSecond(),
                "/s");
        Summary.latency(
                "fraud rules",
                "detection window (fifth decline → order refused), steady load",
                steady.getValueAtPercentile(50) / 1000.0,
                steady.getValueAtPercentile(99) / 1000.0);
        System.out.println();
        System.out.println(table);
        Reports.replaceSection(report, SECTION, section(table, args));
        System.out.println("written to " + report.toAbsolutePath());
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** The detector's timer: trigger event recorded → its alert and restriction committed. */

    /** {@code clients} callers sending {@code rate} commands per second in all; the number sent. */
    private static long paced(TrafficClient traffic, int clients, double rate, double seconds)
            throws InterruptedException {
        System.out.printf("  steady load: %.0f commands/s for %.0f s%n", rate, seconds);
        long[] sent = new long[clients];
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int id = client;
            long interval = (long) (1e9 * clients / rate);
            Thread thread = new Thread(() -> {
                long next = System.nanoTime();
                try {
                    for (long sequence = 0; System.nanoTime() < deadline; sequence++) {
                        traffic.next(id, sequence);
                        sent[id]++;
                        next += interval;
                        java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long total = 0;
        for (long count : sent) {
            total += count;
        }
        return total;
    }

    private static String table(
            LoadResult off,
            LoadResult on,
            Histogram saturated,
            Histogram steady,
            double rate,
            double sentPerSecond,
            TimerFigures detector) {
        StringBuilder table = new StringBuilder(
                "| rules | commands/s | p50 ms | p99 ms | failed | ÷ rules off |\n|---|---|---|---|---|---|\n");
        for (LoadResult run : List.of(off, on)) {
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %,.0f | %.1f | %.1f | %d | %s |%n",
                    run.name(),
                    run.perSecond(),
                    run.percentileMillis(50),
                    run.percentileMillis(99),
                    run.failures(),
                    run == off
                            ? "(baseline)"
                            : String.format(Locale.ROOT, "%.0f%%", 100 * on.perSecond() / off.perSecond())));
        }
        table.append(String.format(
                Locale.ROOT,
                "%n| detection window (card-testing) | samples | p50 ms | p99 ms |%n"
                        + "|---|---|---|---|%n"
                        + "| fifth decline acknowledged → next order refused, steady load of %.0f commands/s (sent %.0f/s) | %d | %.1f | %.1f |%n"
                        + "| fifth decline acknowledged → next order refused, saturating load above | %d | %.1f | %.1f |%n"
                        + "| trigger event recorded → alert and block committed (detector, both) | %d | %.1f | %.1f |%n",
                rate,
                sentPerSecond,
                steady.getTotalCount(),
                steady.getValueAtPercentile(50) / 1000.0,
                steady.getValueAtPercentile(99) / 1000.0,
                saturated.getTotalCount(),
                saturated.getValueAtPercentile(50) / 1000.0,
                saturated.getValueAtPercentile(99) / 1000.0,
                detector.count(),
                detector.p50(),
                detector.p99()));
        return table.toString();
    }

    private static String section(String table, String[] args) {
        return """
                ## Fraud rules: command throughput with rules on vs off, and the detection window

                Run on %s, %s. Command:

                ```
                mvn -B -q package -DskipTests && java -jar benchmarks/target/order-insight-benchmarks.jar %s
                ```

                The same HTTP load (place order → authorize → capture, each customer with a card of their own: traffic
                no rule flags) against a fresh application with every rule disabled, then with every rule enabled, in
                the same process. The rules run after commit (a single-segment detector on PostgreSQL, the deadline
                saga on db-scheduler), so they cost the command path only the CPU and database time they share with it
                on two cores. With the rules on, a card-testing pattern (five declines for a new customer) is injected
                about four times a second; the window is how long that customer can still place orders, measured once
                under the saturating load and once under a steady load the machine keeps up with.

                %s
                """.formatted(LocalDate.now(), Reports.machine(), String.join(" ", args), table);
    }

    /** Ordinary traffic: every customer pays with a card of their own, in one country, and every order is captured. */
    static final class TrafficClient {

        private final HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String base;
        private final String run = UUID.randomUUID().toString().substring(0, 6);

        TrafficClient(int port) {
            this.base = "http://localhost:" + port + "/api/v1";
        }

        boolean next(int client, long sequence) throws IOException, InterruptedException {
            long unit = sequence / 3;
            String order = "o-" + run + "-" + client + "-" + unit;
            String payment = "p-" + run + "-" + client + "-" + unit;
            String customer = "c-" + run + "-" + client + "-" + unit % 500;
            return switch ((int) (sequence % 3)) {
                case 0 -> post(http, base + "/orders", """
                        {"orderId":"%s","customerId":"%s","sellerId":"s-%d","currency":"USD","channel":"SHOP",
                         "shippingCountry":"US","items":[{"sku":"sku-1","category":"books","quantity":2,"unitPrice":1250}]}
                        """.formatted(order, customer, client)) < 300;
                case 1 -> post(http, base + "/payments", """
                        {"paymentId":"%s","orderId":"%s","amount":2500,"currency":"USD","method":"CARD",
                         "outcome":"AUTHORIZED","cardFingerprint":"fp-%s","ipCountry":"US","billingCountry":"US"}
                        """.formatted(payment, order, customer)) < 300;
                default -> post(http, base + "/payments/" + payment + "/capture", "{\"amount\":2500}") < 300;
            };
        }
    }

    /** Injects card testing for new customers and measures how long each can still order after the fifth decline. */
    static final class CardTester implements Runnable {

        private final HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String base;
        private final String run = UUID.randomUUID().toString().substring(0, 6);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Histogram latencies = new Histogram(3);

        CardTester(int port) {
            this.base = "http://localhost:" + port + "/api/v1";
        }

        void stop() {
            running.set(false);
        }

        Histogram latencies() {
            return latencies;
        }

        @Override
        public void run() {
            try {
                for (int n = 0; running.get(); n++) {
                    String customer = "ct-" + run + "-" + n;
                    String order = "oct-" + run + "-" + n;
                    post(http, base + "/orders", order(order, customer));
                    for (int decline = 1; decline <= 5; decline++) {
                        post(http, base + "/payments", """
                                {"paymentId":"%s-%d","orderId":"%s","amount":2500,"currency":"USD","method":"CARD",
                                 "outcome":"DECLINED","declineReason":"do not honor","cardFingerprint":"fp-%s"}
                                """.formatted(order, decline, order, customer));
                    }
                    long fifth = System.nanoTime();
                    long deadline = fifth + TimeUnit.SECONDS.toNanos(30);
                    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
                        if (post(http, base + "/orders", order(order + "-" + attempt, customer)) == 422) {
                            latencies.recordValue(Math.max(1, (System.nanoTime() - fifth) / 1000));
                            break;
                        }
                        Thread.sleep(2);
                    }
                    Thread.sleep(250);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static String order(String order, String customer) {
            return """
                    {"orderId":"%s","customerId":"%s","sellerId":"s-ct","currency":"USD","channel":"SHOP",
                     "shippingCountry":"US","items":[{"sku":"sku-1","category":"books","quantity":1,"unitPrice":2500}]}
                    """.formatted(order, customer);
        }
    }

    private static int post(HttpClient http, String url, String body) throws IOException, InterruptedException {
        HttpRequest request = Benchmarks.request(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
