package io.orderinsight.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderinsight.command.api.CommandCall;
import io.orderinsight.command.api.CommandExecutor;
import io.orderinsight.command.support.AggregateTypes;
import io.orderinsight.domain.customer.PersonalData;
import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.PlaceOrderCommand;
import io.orderinsight.domain.payment.CapturePaymentCommand;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.PaymentOutcome;
import io.orderinsight.domain.payment.RecordPaymentCommand;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.SellerId;
import io.orderinsight.infra.axon.ProcessorLag;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command path under concurrent clients, beside its raw ceiling from the same run: the same rows (one event row
 * and one idempotency record per command) written with plain JDBC through the same connection pool, one transaction
 * per command, at the same concurrency. The command path is measured twice: over HTTP (the whole entry point, the
 * load driver's HTTP client included) and in-process through the same idempotent executor the HTTP controllers call
 * (validation of ids, idempotency claim, Axon command bus, aggregate, event store, one transaction), which is what
 * the raw ceiling is the ceiling of. Then HTTP open loop ({@link OpenLoop}) at half and at {@code --overload} (3) times
 * the closed-loop rate of the most clients, for {@code --open-seconds} each (0 skips it).
 *
 * <pre>java -jar benchmarks/target/order-insight-benchmarks.jar command-path [--clients=8,32] [--seconds=15] [--warmup=20]
 *     [--open-seconds=15] [--overload=3] [--maximum=N] [--report=BENCHMARKS.md]</pre>
 *
 * With {@code --maximum} (a closed-loop rate measured before), only the open loop runs, against that maximum.
 */
public final class CommandPathBenchmark {

    private static final String SECTION = "command-path";
    private static final Currency USD = Currency.getInstance("USD");

    private CommandPathBenchmark() {}

    static void run(Map<String, String> options, String[] args) throws Exception {
        List<Integer> levels = Stream.of(options.getOrDefault("clients", "8,32").split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "15"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "20"));
        Path report = Path.of(options.getOrDefault("report", "BENCHMARKS.md"));
        double openSeconds = Double.parseDouble(options.getOrDefault("open-seconds", Double.toString(seconds)));
        double overload = Double.parseDouble(options.getOrDefault("overload", "3"));
        // a known maximum skips the closed-loop runs: the open loop alone, e.g. to try admission settings
        double knownMaximum = Double.parseDouble(options.getOrDefault("maximum", "0"));
        int inFlight = Integer.parseInt(options.getOrDefault("in-flight", "2000"));
        String openLoop = "";

        System.out.printf(
                "Order Insight command path benchmark: clients %s, %.0f s per run (after %.0f s warm-up)%n",
                levels, seconds, warmup);
        List<LoadResult[]> results = new ArrayList<>();
        StringBuilder lags = new StringBuilder();
        try (ConfigurableApplicationContext app = Benchmarks.start()) {
            ProcessorLag lag = app.getBean(ProcessorLag.class);
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            CommandExecutor executor = app.getBean(CommandExecutor.class);
            DataSource dataSource = app.getBean(DataSource.class);
            int most = levels.get(levels.size() - 1);
            LoadDriver.run("warm-up", most, warmup, new CommandClient(port)::next);
            if (knownMaximum > 0) {
                openLoop = openLoop(app, port, lag, knownMaximum, most, openSeconds, overload, inFlight);
                System.out.println(openLoop);
                return;
            }
            LoadDriver.run("warm-up-in-process", most, warmup / 2, new InProcessClient(executor)::next);
            RawRows raw = RawRows.sampledFrom(new JdbcTemplate(dataSource));
            LoadDriver.run("warm-up-raw", most, warmup / 2, raw.writer(dataSource));
            for (int clients : levels) {
                // every run sends new ids and keys: a replayed key would be answered from its stored record
                // every processor's lag sampled each second while the HTTP load runs, then how soon it is back
                LagSampler sampler = new LagSampler(lag);
                double retriedBefore = retriedCounterWrites(app);
                CommandClient httpClient = new CommandClient(port);
                LoadResult http = LoadDriver.run("HTTP", clients, seconds, httpClient::next);
                LagSampler.Result behind = sampler.settle();
                System.out.printf(
                        Locale.ROOT,
                        "%2d clients: HTTP answers other than 200/201 by status: %s%n",
                        clients,
                        httpClient.refusals());
                System.out.printf(
                        Locale.ROOT,
                        "%2d clients: %,.0f counter document writes retried after another segment's write%n",
                        clients,
                        retriedCounterWrites(app) - retriedBefore);
                lags.append(lagSection(clients, http, behind));
                System.out.printf(
                        Locale.ROOT,
                        "%2d clients: worst processor lag p99 %,d ms; all under %d ms %.1f s after the load stopped%s%n",
                        clients,
                        behind.worstP99(),
                        LagSampler.SETTLED_MS,
                        behind.settleSeconds(),
                        behind.settled() ? "" : " (not within the limit)");
                Summary.add(
                        "command path",
                        "processor lag during HTTP commands, " + clients + " clients (worst processor)",
                        String.format(
                                Locale.ROOT,
                                "p99 %,d ms; under %d ms %.1f s after the load",
                                behind.worstP99(),
                                LagSampler.SETTLED_MS,
                                behind.settleSeconds()),
                        "target: p99 ≤ 1,000 ms, under 100 ms within 2 s",
                        "—");
                LoadResult direct = LoadDriver.run("in-process", clients, seconds, new InProcessClient(executor)::next);
                LoadResult ceiling = LoadDriver.run("raw JDBC", clients, seconds, raw.writer(dataSource));
                results.add(new LoadResult[] {http, direct, ceiling});
                print(http, ceiling);
                print(direct, ceiling);
                for (LoadResult path : List.of(http, direct)) {
                    String measurement = path.name() + " commands, " + clients + " clients";
                    Summary.rate("command path", measurement, path.perSecond(), "raw JDBC", ceiling.perSecond(), "/s");
                    Summary.latency(
                            "command path",
                            measurement + ", latency",
                            path.percentileMillis(50),
                            path.percentileMillis(99));
                }
            }
            if (openSeconds > 0) {
                LoadResult closed = results.get(results.size() - 1)[0];
                openLoop =
                        openLoop(app, port, lag, closed.perSecond(), closed.clients(), openSeconds, overload, inFlight);
            }
        }
        String table = table(results) + "\n" + lags + openLoop;
        System.out.println();
        System.out.println(table);
        Reports.replaceSection(report, SECTION, section(table, args));
        System.out.println("written to " + report.toAbsolutePath());
    }

    /**
     * HTTP commands open loop, against the closed-loop maximum just measured ({@code most}): at half of it, where the
     * latency target is judged, and at {@code overload} times it with independent orders and up to 2,000 calls in
     * flight, where the node must refuse what it cannot take (429 {@code OVERLOADED}) instead of queueing it.
     */
    private static String openLoop(
            ConfigurableApplicationContext app,
            int port,
            ProcessorLag lag,
            double maximum,
            int clients,
            double seconds,
            double overload,
            int inFlight)
            throws InterruptedException {
        // the processors first catch up with the runs before, as for the closed-loop HTTP runs
        LagSampler sampler = new LagSampler(lag);
        OpenLoop.Result half =
                OpenLoop.run("HTTP, half the maximum", maximum / 2, seconds, 256, 3, new CommandClient(port)::status);
        LagSampler.Result behind = sampler.settle();
        NodeAdmission before = NodeAdmission.of(app);
        OpenLoop.Result over = OpenLoop.independent(
                String.format(
                        Locale.ROOT, "HTTP place order, %.1fx the maximum, up to %,d in flight", overload, inFlight),
                maximum * overload,
                seconds,
                inFlight,
                new CommandClient(port)::placeAsync);
        String admission = NodeAdmission.of(app).since(before);
        System.out.println("    " + admission);
        Summary.latency(
                "command path",
                String.format(
                        Locale.ROOT,
                        "HTTP commands open loop at half the maximum (%,.0f/s), latency from the scheduled send",
                        maximum / 2),
                half.millis(half.acceptedMicros(), 50),
                half.millis(half.acceptedMicros(), 99));
        StringBuilder table = new StringBuilder(String.format(
                Locale.ROOT,
                "**Open loop** (HTTP; at half the maximum place → pay → capture per order on 256 lanes, beyond it independent"
                        + " orders, up to %,d calls in flight; calls scheduled at a fixed rate,"
                        + " latency from each call's scheduled send time; the maximum is the closed-loop rate at %d clients"
                        + " above, %,.0f/s):%n%n"
                        + "| rate | scheduled | answered | accepted | 429 | other | accepted p50 ms | accepted p99 ms | all p99 ms |%n"
                        + "|---|---|---|---|---|---|---|---|---|%n",
                inFlight,
                clients,
                maximum));
        for (OpenLoop.Result run : List.of(half, over)) {
            table.append(String.format(
                    Locale.ROOT,
                    "| %s (%,.0f/s) | %,d | %,d | %,d | %,d | %,d | %.1f | %.1f | %.1f |%n",
                    run.name(),
                    run.rate(),
                    run.scheduled(),
                    run.answered(),
                    run.accepted(),
                    run.overloaded(),
                    run.failed(),
                    run.millis(run.acceptedMicros(), 50),
                    run.millis(run.acceptedMicros(), 99),
                    run.millis(run.allMicros(), 99)));
        }
        return table.append(String.format(Locale.ROOT, "%nAt %.1fx the maximum, the node: %s.%n", overload, admission))
                .append(String.format(
                        Locale.ROOT,
                        "%n**Processor lag** during the open loop at half the maximum, sampled every second; every"
                                + " processor under %d ms %.1f s after the load stopped%s:%n%n",
                        LagSampler.SETTLED_MS,
                        behind.settleSeconds(),
                        behind.settled() ? "" : " (not settled within the limit)"))
                .append(behind.table())
                .append('\n')
                .toString();
    }

    /**
     * The node's own account of admission ({@code AdmissionFilter}'s meters): refusals by cause and the longest wait
     * for a request thread, read before and after a run.
     */
    private record NodeAdmission(
            double queued, double busy, Timer queueWait, long served, double servedSeconds, double longest) {

        static NodeAdmission of(ConfigurableApplicationContext app) {
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            // the node's own time for each place-order call, from its request thread's start to the answer
            Collection<Timer> placed = meters.find("http.server.requests")
                    .tag("uri", "/api/v1/orders")
                    .tag("method", "POST")
                    .timers();
            return new NodeAdmission(
                    refused(meters, "queued"),
                    refused(meters, "busy"),
                    meters.find("orderinsight.http.queue.wait").timer(),
                    placed.stream().mapToLong(Timer::count).sum(),
                    placed.stream()
                            .mapToDouble(timer -> timer.totalTime(TimeUnit.SECONDS))
                            .sum(),
                    placed.stream()
                            .mapToDouble(timer -> timer.max(TimeUnit.MILLISECONDS))
                            .max()
                            .orElse(0));
        }

        private static double refused(MeterRegistry meters, String cause) {
            Counter counter =
                    meters.find("orderinsight.http.refused").tag("cause", cause).counter();
            return counter == null ? 0 : counter.count();
        }

        String since(NodeAdmission before) {
            return String.format(
                    Locale.ROOT,
                    "%,.0f refused after waiting the admission time for a request thread, %,.0f for room;"
                            + " longest recent wait for a request thread %,.0f ms; %,d place-order calls took it"
                            + " %.1f ms on average from their request thread's start (longest recent %,.0f ms)",
                    queued - before.queued,
                    busy - before.busy,
                    queueWait == null ? 0 : queueWait.max(TimeUnit.MILLISECONDS),
                    served - before.served,
                    served == before.served
                            ? 0
                            : 1000 * (servedSeconds - before.servedSeconds) / (served - before.served),
                    longest);
        }
    }

    /** The insight counters' writes worked out again because another segment had changed the document. */
    private static double retriedCounterWrites(ConfigurableApplicationContext app) {
        FunctionCounter retried = app.getBean(MeterRegistry.class)
                .find("orderinsight.projections.write.conflicts")
                .tags("projection", "insight", "outcome", "retried")
                .functionCounter();
        return retried == null ? 0 : retried.count();
    }

    private static void print(LoadResult path, LoadResult ceiling) {
        System.out.printf(
                Locale.ROOT,
                "%2d clients: %s %,.0f/s (p50 %.1f ms, p99 %.1f ms, %d failed); "
                        + "raw JDBC %,.0f/s (p50 %.1f ms, p99 %.1f ms); ratio %.0f%%%n",
                path.clients(),
                path.name(),
                path.perSecond(),
                path.percentileMillis(50),
                path.percentileMillis(99),
                path.failures(),
                ceiling.perSecond(),
                ceiling.percentileMillis(50),
                ceiling.percentileMillis(99),
                100 * path.perSecond() / ceiling.perSecond());
    }

    private static String lagSection(int clients, LoadResult http, LagSampler.Result behind) {
        return String.format(
                        Locale.ROOT,
                        "**Processor lag** during the HTTP run at %d clients (%,.0f commands/s), sampled every second; "
                                + "every processor under %d ms %.1f s after the load stopped%s:%n%n",
                        clients,
                        http.perSecond(),
                        LagSampler.SETTLED_MS,
                        behind.settleSeconds(),
                        behind.settled() ? "" : " (not settled within the limit)")
                + behind.table()
                + "\n";
    }

    private static String table(List<LoadResult[]> results) {
        StringBuilder table = new StringBuilder("| clients | path | commands/s | p50 ms | p99 ms | failed "
                + "| ÷ raw JDBC |\n|---|---|---|---|---|---|---|\n");
        for (LoadResult[] run : results) {
            LoadResult raw = run[run.length - 1];
            for (LoadResult path : run) {
                table.append(String.format(
                        Locale.ROOT,
                        "| %d | %s | %,.0f | %.1f | %.1f | %d | %s |%n",
                        path.clients(),
                        path.name(),
                        path.perSecond(),
                        path.percentileMillis(50),
                        path.percentileMillis(99),
                        path.failures(),
                        path == raw
                                ? "(ceiling)"
                                : String.format(Locale.ROOT, "%.0f%%", 100 * path.perSecond() / raw.perSecond())));
            }
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

                Each client loops place order → record payment → capture, every call with its own idempotency key,
                against the whole application (embedded PostgreSQL, synchronous commit): one event row and one
                idempotency record per command. *HTTP* drives the public API with the JDK's HTTP client; *in-process*
                hands the same commands to the idempotent executor the controllers call (idempotency claim, Axon
                command bus, aggregate, event store and idempotency record in one transaction) — everything but HTTP,
                JSON and bean validation. The raw ceiling writes the same rows (an event row with a payload and
                metadata taken from the run's orders placed, its order id its own, and an idempotency record) with plain JDBC through the same connection
                pool, one transaction each, at the same concurrency. All share two cores with their load driver.

                %s
                """.formatted(LocalDate.now(), Reports.machine(), String.join(" ", args), table);
    }

    /** Drives the HTTP command API: each client works through its own orders, payments and captures. */
    static final class CommandClient {

        private final HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String base;
        private final String run = UUID.randomUUID().toString().substring(0, 6);

        CommandClient(int port) {
            this.base = "http://localhost:" + port + "/api/v1";
        }

        /** The answers other than 200 and 201 that {@link #next} got, by status. */
        private final Map<Integer, LongAdder> refused = new ConcurrentSkipListMap<>();

        boolean next(int client, long sequence) throws IOException, InterruptedException {
            int status = status(client, sequence);
            boolean accepted = status == 200 || status == 201;
            if (!accepted) {
                refused.computeIfAbsent(status, code -> new LongAdder()).increment();
            }
            return accepted;
        }

        /** The answers other than 200 and 201 so far, e.g. {@code 429 ×12, 409 ×3}; {@code none} when there were none. */
        String refusals() {
            if (refused.isEmpty()) {
                return "none";
            }
            StringBuilder text = new StringBuilder();
            refused.forEach((status, count) -> text.append(text.isEmpty() ? "" : ", ")
                    .append(status)
                    .append(" ×")
                    .append(count.sum()));
            return text.toString();
        }

        /** Places order {@code number} of this client, without waiting for the answer. */
        CompletableFuture<Integer> placeAsync(long number) {
            String order = "o-" + run + "-async-" + number;
            HttpRequest request = Benchmarks.request(URI.create(base + "/orders"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", order)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            """
                            {"orderId":"%s","customerId":"c-%d","sellerId":"s-async","currency":"USD","channel":"SHOP",
                             "shippingCountry":"US","items":[{"sku":"sku-1","category":"books","quantity":2,"unitPrice":1250}],
                             "customer":{"email":"c%d@example.com","name":"Customer %d"}}
                            """.formatted(order, number % 1000, number % 1000, number % 1000)))
                    .build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode);
        }

        /** The next call of {@code client}'s chain, answered with this HTTP status. */
        int status(int client, long sequence) throws IOException, InterruptedException {
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
                         "outcome":"AUTHORIZED","cardFingerprint":"fp-c-%d"}
                        """.formatted(payment, order, unit % 1000), payment);
                default -> post("/payments/" + payment + "/capture", "{\"amount\":2500}", payment + "-capture");
            };
        }

        private int post(String path, String body, String key) throws IOException, InterruptedException {
            HttpRequest request = Benchmarks.request(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /**
     * The same commands handed to the executor the HTTP controllers use, with an idempotency key each: everything
     * but HTTP, JSON and bean validation.
     */
    static final class InProcessClient {

        private final CommandExecutor executor;
        private final String run = UUID.randomUUID().toString().substring(0, 6);
        private final Clock clock = Clock.systemUTC();

        InProcessClient(CommandExecutor executor) {
            this.executor = executor;
        }

        boolean next(int client, long sequence) {
            long unit = sequence / 3;
            String order = "io-" + run + "-" + client + "-" + unit;
            String payment = "ip-" + run + "-" + client + "-" + unit;
            Instant now = clock.instant();
            CommandCall call = switch ((int) (sequence % 3)) {
                case 0 ->
                    new CommandCall(
                            new PlaceOrderCommand(
                                    OrderId.of(order),
                                    CustomerId.of("c-" + unit % 1000),
                                    SellerId.of("s-" + client),
                                    USD,
                                    Channel.SHOP,
                                    "US",
                                    List.of(new OrderLine("sku-1", "books", 2, 1250)),
                                    new PersonalData("c" + unit % 1000 + "@example.com", "Customer", null, null, null),
                                    now),
                            AggregateTypes.ORDER,
                            order,
                            "/api/v1/orders/" + order,
                            order,
                            order,
                            null,
                            null);
                case 1 ->
                    new CommandCall(
                            new RecordPaymentCommand(
                                    PaymentId.of(payment),
                                    OrderId.of(order),
                                    Money.of(2500, USD),
                                    PaymentMethod.CARD,
                                    PaymentOutcome.AUTHORIZED,
                                    null,
                                    new PaymentInstrument("fp-c-" + unit % 1000, null, null),
                                    now),
                            AggregateTypes.PAYMENT,
                            payment,
                            "/api/v1/payments/" + payment,
                            payment,
                            payment,
                            null,
                            null);
                default ->
                    new CommandCall(
                            new CapturePaymentCommand(PaymentId.of(payment), 2500, now),
                            AggregateTypes.PAYMENT,
                            payment,
                            null,
                            payment + "-capture",
                            payment + "-capture",
                            null,
                            null);
            };
            int status = executor.execute(call, "bench", "bench").status();
            return status == 200 || status == 201;
        }
    }

    /**
     * The rows one command stores, written without the application: the raw ceiling. Its event rows are orders placed,
     * copied from the run's latest with the order's id replaced by the row's own, so that the processors, which read
     * them as they read every event, see new orders: a copy naming the run's orders under another aggregate id was
     * handled by other segments than that order's events and made the views' and counters' segments write the same
     * documents at once, conflicts no real stream causes.
     */
    record RawRows(List<String> payloads, List<byte[]> metadata, List<String> types) {

        private static final String ORDER_ID = "<order-id>";

        static RawRows sampledFrom(JdbcTemplate jdbc) {
            List<String> payloads = new ArrayList<>();
            List<byte[]> metadata = new ArrayList<>();
            List<String> types = new ArrayList<>();
            jdbc.query(
                    "SELECT payload, metadata, payloadtype, aggregateidentifier FROM domainevententry "
                            + "WHERE type = 'Order' AND payloadtype = ? ORDER BY globalindex DESC LIMIT 3",
                    row -> {
                        String order = '"' + row.getString(4) + '"';
                        String payload = new String(row.getBytes(1), StandardCharsets.UTF_8);
                        if (!payload.contains(order)) {
                            throw new IllegalStateException("an order placed that does not name its order: " + payload);
                        }
                        payloads.add(payload.replace(order, ORDER_ID));
                        metadata.add(row.getBytes(2));
                        types.add(row.getString(3));
                    },
                    OrderPlacedEvent.class.getName());
            if (payloads.isEmpty()) {
                throw new IllegalStateException("no order placed to copy: the raw ceiling runs after the command path");
            }
            return new RawRows(payloads, metadata, types);
        }

        private byte[] payload(int kind, String orderId) {
            return payloads.get(kind).replace(ORDER_ID, '"' + orderId + '"').getBytes(StandardCharsets.UTF_8);
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
                        event.setBytes(5, payload(kind, id));
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
