package io.orderinsight.simulator;

import io.orderinsight.simulator.Reconciliation.Snapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code simulate}: marketplace traffic against a running Order Insight over its HTTP API, deterministic for a seed,
 * with the patterns each fraud rule must catch injected among ordinary orders; a progress bar with rate and ETA; and,
 * for a finite run, a reconciliation of the system's figures and alerts against the simulator's own ledger (exit 0
 * when they agree, 1 when not, 2 on bad arguments).
 *
 * <pre>
 * simulate [--target=http://localhost:8080] [--key=… | --keys-file=data/api-keys.properties]
 *          [--orders=10000 (0: until stopped)] [--seed=42] [--clients=4] [--rate=0 (orders/s, 0: as fast as it goes)]
 *          [--day=PT10M (a day's curve compressed into this)] [--patterns-every=2000] [--sellers=200]
 *          [--customers=orders/3] [--max-deadline=PT5M] [--tag=sim-&lt;seed&gt;-&lt;time&gt;]
 *          [--via=http | --via=kafka --bootstrap=localhost:9092] [--history=P9D --history-per-hour=20]
 * </pre>
 */
public final class Simulator {

    private final Map<String, String> options;
    private final PrintStream out;

    private Simulator(Map<String, String> options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static int run(String[] args, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                out.println("unexpected argument " + arg + "; options are --name=value (see the README)");
                return 2;
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        try {
            return new Simulator(options, out).simulate();
        } catch (IllegalArgumentException e) {
            out.println("simulate: " + e.getMessage());
            return 2;
        }
    }

    private String option(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    private long number(String name, long otherwise) {
        try {
            return Long.parseLong(option(name, String.valueOf(otherwise)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number");
        }
    }

    private Duration duration(String name, String otherwise) {
        try {
            return Duration.parse(option(name, otherwise));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + name + " must be an ISO-8601 duration such as PT10M");
        }
    }

    private int simulate() {
        long orders = number("orders", 10_000);
        long seed = number("seed", 42);
        int clients = (int) Math.max(1, number("clients", 4));
        double rate = Double.parseDouble(option("rate", "0"));
        Duration day = duration("day", "PT10M");
        long patternsEvery = Math.max(1, number("patterns-every", 2_000));
        int sellers = (int) Math.max(1, number("sellers", 200));
        int customers = (int) Math.max(10, number("customers", Math.max(30, (orders == 0 ? 30_000 : orders) / 3)));
        Duration maxDeadline = duration("max-deadline", "PT5M");
        String tag =
                option("tag", "sim" + seed + "-" + Long.toString(Instant.now().getEpochSecond(), 36));
        if (!tag.matches("[A-Za-z0-9-]{1,24}")) {
            throw new IllegalArgumentException("--tag must be 1-24 letters, digits or -");
        }
        String target = option("target", "http://localhost:8080");
        String key = key();

        String via = option("via", "http");
        if (!via.equals("http") && !via.equals("kafka")) {
            throw new IllegalArgumentException("--via is http or kafka");
        }
        Ledger ledger = new Ledger();
        KafkaCommands kafka = via.equals("kafka") ? new KafkaCommands(option("bootstrap", "localhost:9092")) : null;
        if (kafka != null) {
            kafka.start();
        }
        try {
            return simulate(
                    ledger,
                    new Traffic(target, key, ledger, kafka),
                    orders,
                    seed,
                    clients,
                    rate,
                    day,
                    patternsEvery,
                    sellers,
                    customers,
                    maxDeadline,
                    tag,
                    target,
                    via);
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private int simulate(
            Ledger ledger,
            Traffic traffic,
            long orders,
            long seed,
            int clients,
            double rate,
            Duration day,
            long patternsEvery,
            int sellers,
            int customers,
            Duration maxDeadline,
            String tag,
            String target,
            String via) {
        Rules rules = new Rules(ruleListing(traffic), maxDeadline);
        Market market = new Market(tag, seed, sellers, customers);
        Trader trader = new Trader(traffic, ledger, market, tag, seed);
        Snapshot before = orders == 0 ? null : Snapshot.take(traffic);
        String since = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
        out.printf(
                Locale.ROOT,
                "simulating %s orders against %s over %s as run %s (seed %d, %d clients, %s)%n",
                orders == 0 ? "endless" : String.format(Locale.ROOT, "%,d", orders),
                target,
                via,
                tag,
                seed,
                clients,
                rate > 0 ? rate + " orders/s on a daily curve of " + day : "as fast as the system takes them");

        if (!seedHistory(trader, ledger, clients, seed)) {
            return 1;
        }
        AtomicLong next = new AtomicLong();
        AtomicLong sets = new AtomicLong();
        Instant started = Instant.now();
        Progress progress = new Progress(out, orders, ledger, started);
        ExecutorService workers = Executors.newFixedThreadPool(clients);
        for (int client = 0; client < clients; client++) {
            workers.execute(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long index = next.getAndIncrement();
                    if (orders > 0 && index >= orders) {
                        return;
                    }
                    if (index % patternsEvery == 0) {
                        trader.patterns((int) sets.getAndIncrement(), rules);
                    }
                    trader.ordinary(index);
                    ledger.orderDone();
                    pace(rate, day, started, index, clients);
                }
            });
        }
        if (!finish(workers, progress)) {
            return 1;
        }
        progress.print();
        out.println();
        Instant sent = Instant.now();
        out.printf(
                Locale.ROOT,
                "sent %,d commands for %,d orders and %d pattern sets in %.1f s%n",
                ledger.commands(),
                orders,
                sets.get(),
                Duration.between(started, sent).toMillis() / 1000.0);
        Snapshot after = settle(traffic, ledger, rules, tag, since, sent);
        return Reconciliation.report(ledger, before, after, traffic, tag, since, out) ? 0 : 1;
    }

    /**
     * Waits until the deadline rules have had their time, every injected pattern's alert is there (or the patience
     * ran out), and the figures stand still.
     */
    private Snapshot settle(Traffic traffic, Ledger ledger, Rules rules, String tag, String since, Instant sent) {
        Instant deadlines = sent.plus(rules.longestDeadline()).plusSeconds(5);
        Instant patience = deadlines.plus(Duration.ofMinutes(2));
        out.println("waiting for the deadline rules (until " + deadlines + ") and the read models to settle…");
        while (Instant.now().isBefore(patience)) {
            if (Instant.now().isAfter(deadlines) && caughtAll(ledger, Reconciliation.raised(traffic, tag, since))) {
                break;
            }
            sleep(Duration.ofSeconds(1));
        }
        Snapshot last = Snapshot.take(traffic);
        while (true) {
            sleep(Duration.ofSeconds(2));
            Snapshot now = Snapshot.take(traffic);
            if (now.sameAs(last) || Instant.now().isAfter(patience.plus(Duration.ofMinutes(1)))) {
                return now;
            }
            last = now;
        }
    }

    /** The rules' listing once it names every rule: a system just started may still be projecting their versions. */
    private static com.fasterxml.jackson.databind.JsonNode ruleListing(Traffic traffic) {
        Instant patience = Instant.now().plusSeconds(60);
        while (true) {
            com.fasterxml.jackson.databind.JsonNode listing = traffic.get("/api/v1/risk/rules");
            if (listing.path("items").size() >= Rules.ALL.size()
                    || Instant.now().isAfter(patience)) {
                return listing;
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private static boolean caughtAll(Ledger ledger, Map<String, Set<String>> raised) {
        return ledger.expectedAlerts().entrySet().stream()
                .allMatch(rule -> raised.getOrDefault(rule.getKey(), Set.of()).containsAll(rule.getValue()));
    }

    /**
     * Holds a client back to its share of the target rate, which follows a daily curve: quiet at night, busiest in the
     * evening, {@code day} long.
     */
    private static void pace(double rate, Duration day, Instant started, long index, int clients) {
        if (rate <= 0) {
            return;
        }
        double phase = Duration.between(started, Instant.now()).toMillis() / (double) day.toMillis();
        double curve = 0.65 - 0.35 * Math.cos(2 * Math.PI * phase);
        sleep(Duration.ofMillis(Math.round(1000.0 * clients / (rate * curve))));
    }

    /** Orders of the history get indexes from here on, apart from the live run's. */
    private static final long HISTORY_INDEX = 1_000_000_000L;

    /**
     * {@code --history=P9D}: before the live traffic, the past {@code history} of ordinary orders through the same
     * command path, each command with its {@code occurredAt} in the past (an order's commands a second apart), so that
     * forecasts, bands and anomaly rules have weeks to work on from the start. Each hour's orders follow the
     * simulator's own {@link HistoryCurve}, independent of the forecasting model, with {@code --history-per-hour} (20)
     * at the busiest hour of a weekday. Recorded in the ledger like every order, so a finite run reconciles them too.
     *
     * @return false when interrupted
     */
    private boolean seedHistory(Trader trader, Ledger ledger, int clients, long seed) {
        Duration history = duration("history", "PT0S");
        if (history.isZero()) {
            return true;
        }
        long perHour = number("history-per-hour", 20);
        if (history.isNegative() || perHour < 1) {
            throw new IllegalArgumentException("--history must be positive and --history-per-hour at least 1");
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<Instant> times = new ArrayList<>();
        HistoryCurve curve = new HistoryCurve(perHour);
        for (Instant hour = now.minus(history).truncatedTo(ChronoUnit.HOURS);
                hour.isBefore(now);
                hour = hour.plus(1, ChronoUnit.HOURS)) {
            long count = curve.draw(hour, random);
            for (long i = 0; i < count; i++) {
                times.add(hour.plusSeconds(random.nextInt(3_300)));
            }
        }
        out.printf(
                Locale.ROOT,
                "seeding %s of history: %,d orders with past occurredAt, up to %d an hour%n",
                history,
                times.size(),
                perHour);
        AtomicLong next = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(clients);
        for (int client = 0; client < clients; client++) {
            workers.execute(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    int index = (int) next.getAndIncrement();
                    if (index >= times.size()) {
                        return;
                    }
                    Traffic.happenedAt(times.get(index));
                    try {
                        trader.ordinary(HISTORY_INDEX + index);
                    } finally {
                        Traffic.happenedAt(null);
                    }
                    ledger.orderDone();
                }
            });
        }
        Progress progress = new Progress(out, times.size(), ledger, Instant.now());
        if (!finish(workers, progress)) {
            return false;
        }
        progress.print();
        out.println();
        return true;
    }

    /** Waits for {@code workers} to run out of work, printing progress; false when interrupted (they are stopped). */
    private static boolean finish(ExecutorService workers, Progress progress) {
        workers.shutdown();
        try {
            while (!workers.awaitTermination(500, TimeUnit.MILLISECONDS)) {
                progress.print();
            }
            return true;
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String key() {
        String key = options.get("key");
        if (key != null) {
            return key;
        }
        Path file = Path.of(option("keys-file", "data/api-keys.properties"));
        Properties keys = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            keys.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("no --key given and " + file + " cannot be read (" + e.getMessage()
                    + "); pass the ADMIN key or --keys-file");
        }
        String admin = keys.getProperty("ADMIN");
        if (admin == null) {
            throw new IllegalArgumentException(file + " has no ADMIN key");
        }
        return admin;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A one-line progress bar: done of total, rate, ETA. */
    private static final class Progress {

        private final PrintStream out;
        private final long total;
        private final Ledger ledger;
        private final Instant started;

        Progress(PrintStream out, long total, Ledger ledger, Instant started) {
            this.out = out;
            this.total = total;
            this.ledger = ledger;
            this.started = started;
        }

        void print() {
            long done = ledger.orders();
            double seconds =
                    Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            double rate = done / seconds;
            if (total <= 0) {
                out.printf(Locale.ROOT, "\r%,d orders  %.0f orders/s  %,d commands", done, rate, ledger.commands());
                return;
            }
            double share = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(share * 30);
            long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
            out.printf(
                    Locale.ROOT,
                    "\r[%s%s] %3.0f%%  %,d/%,d orders  %.0f orders/s  ETA %d:%02d ",
                    "#".repeat(filled),
                    ".".repeat(30 - filled),
                    share * 100,
                    done,
                    total,
                    rate,
                    eta / 60,
                    eta % 60);
        }
    }
}
