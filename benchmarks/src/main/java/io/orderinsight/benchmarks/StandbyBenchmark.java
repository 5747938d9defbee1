package io.orderinsight.benchmarks;

import io.orderinsight.command.api.CommandExecutor;
import io.orderinsight.infra.postgres.PostgresSites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The event store on two sites ({@link PostgresSites}: a primary and a streaming standby), the application pointed at
 * both through the multi-host URL. HTTP and in-process commands at {@code --clients} (32) with every commit waiting for
 * the standby (synchronous: RPO 0) beside the same with commits not waiting (asynchronous), alternating in the same
 * run; the asynchronous standby's replication lag sampled every second meanwhile. Then a failover: the primary killed
 * (SIGKILL), the standby promoted at once, and the time until the application accepts a command again.
 *
 * <pre>java -jar benchmarks/target/order-insight-benchmarks.jar standby [--clients=32] [--seconds=30] [--warmup=10]
 *     [--report=BENCHMARKS.md]</pre>
 */
final class StandbyBenchmark {

    static final String SECTION = "standby";

    private StandbyBenchmark() {}

    static void run(Map<String, String> options, String[] args) throws Exception {
        int clients = Integer.parseInt(options.getOrDefault("clients", "32"));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "30"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "10"));
        Path report = Path.of(options.getOrDefault("report", "BENCHMARKS.md"));
        System.out.printf(
                "Order Insight standby benchmark: %d clients, %.0f s per run (after %.0f s warm-up)%n",
                clients, seconds, warmup);
        Path data = Files.createTempDirectory("orderinsight-standby-");
        String section;
        try (PostgresSites sites = PostgresSites.start(data, 0, 0);
                ConfigurableApplicationContext app = Benchmarks.start(
                        "--spring.datasource.url=" + sites.jdbcUrl(), "--spring.datasource.username=postgres")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            CommandExecutor executor = app.getBean(CommandExecutor.class);
            LoadDriver.run("warm-up", clients, warmup, new CommandPathBenchmark.CommandClient(port)::next);
            LoadDriver.run(
                    "warm-up-in-process",
                    clients,
                    warmup / 2,
                    new CommandPathBenchmark.InProcessClient(executor)::next);

            List<LoadResult> synchronous = new ArrayList<>();
            List<LoadResult> asynchronous = new ArrayList<>();
            ReplicationLag lag = null;
            for (String path : List.of("HTTP", "in-process")) {
                for (boolean wait : List.of(true, false)) {
                    sites.commitsWaitForStandby(wait);
                    LoadDriver.Operation operation = path.equals("HTTP")
                            ? new CommandPathBenchmark.CommandClient(port)::next
                            : new CommandPathBenchmark.InProcessClient(executor)::next;
                    ReplicationLag sampled = wait ? null : ReplicationLag.start(sites.primaryUrl());
                    LoadResult result = LoadDriver.run(
                            path + (wait ? ", synchronous standby" : ", asynchronous standby"),
                            clients,
                            seconds,
                            operation);
                    if (wait) {
                        synchronous.add(result);
                    } else {
                        sampled.stop();
                        asynchronous.add(result);
                        if (path.equals("HTTP")) {
                            lag = sampled;
                        }
                        System.out.printf(
                                Locale.ROOT,
                                "  asynchronous standby's replay lag during %s: p50 %,d ms, p99 %,d ms, max %,d ms;"
                                        + " WAL behind p99 %,d bytes%n",
                                path,
                                sampled.percentileMillis(50),
                                sampled.percentileMillis(99),
                                sampled.percentileMillis(100),
                                sampled.percentileBytes(99));
                    }
                }
            }
            sites.commitsWaitForStandby(true);

            long killed = System.nanoTime();
            sites.control("kill primary");
            String promoted = sites.control("promote standby");
            long promotedAt = System.nanoTime();
            CommandPathBenchmark.InProcessClient after = new CommandPathBenchmark.InProcessClient(executor);
            long accepted = 0;
            for (long sequence = 0; accepted == 0; sequence += 3) {
                if (after.next(0, sequence)) {
                    accepted = System.nanoTime();
                } else {
                    Thread.sleep(10);
                }
            }
            double promoteMs = (promotedAt - killed) / 1e6;
            double rtoMs = (accepted - killed) / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "  failover: %s; promoted %.0f ms after the kill, first command accepted %.0f ms after it%n",
                    promoted,
                    promoteMs,
                    rtoMs);
            section = section(args, synchronous, asynchronous, lag, promoteMs, rtoMs);
        }
        System.out.println(section);
        Reports.replaceSection(report, SECTION, section);
        System.out.println("written to " + report.toAbsolutePath());
    }

    private static String section(
            String[] args,
            List<LoadResult> synchronous,
            List<LoadResult> asynchronous,
            ReplicationLag lag,
            double promoteMs,
            double rtoMs) {
        StringBuilder table = new StringBuilder(
                "| path | synchronous standby (RPO 0) /s | p50 ms | p99 ms | asynchronous standby /s | p50 ms | p99 ms "
                        + "| synchronous ÷ asynchronous |\n|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < synchronous.size(); i++) {
            LoadResult sync = synchronous.get(i);
            LoadResult async = asynchronous.get(i);
            table.append(String.format(
                    Locale.ROOT,
                    "| %s, %d clients | %,.0f | %.1f | %.1f | %,.0f | %.1f | %.1f | %.2f |%n",
                    sync.name().substring(0, sync.name().indexOf(',')),
                    sync.clients(),
                    sync.perSecond(),
                    sync.percentileMillis(50),
                    sync.percentileMillis(99),
                    async.perSecond(),
                    async.percentileMillis(50),
                    async.percentileMillis(99),
                    sync.perSecond() / async.perSecond()));
            Summary.rate(
                    "standby",
                    sync.name() + " commands, " + sync.clients() + " clients",
                    sync.perSecond(),
                    "asynchronous standby",
                    async.perSecond(),
                    "/s");
        }
        return """
                ## Standby site: the price of RPO 0, replication lag, failover

                Run on %s, %s. Command:

                ```
                mvn -B -q package -DskipTests && java -jar benchmarks/target/order-insight-benchmarks.jar %s
                ```

                The event store on two sites (`services --standby-port`'s `PostgresSites`: the embedded primary and a
                streaming standby made with `pg_basebackup`, both fsync on and synchronous commit on), the application
                pointed at both through the multi-host URL, every processor running. Each path runs twice in a row,
                first with every commit waiting for the standby (`synchronous_standby_names = '*'`: RPO 0), then with
                commits not waiting for it (the standby streaming asynchronously: RPO > 0); each run sends new ids and
                keys.

                %s
                **Replication lag** of the asynchronous standby during the HTTP run, sampled every second on the
                primary (`pg_stat_replication.replay_lag`, and the WAL not yet replayed): p50 %,d ms, p99 %,d ms, max
                %,d ms; WAL behind p99 %,d bytes.

                **Failover**: the primary killed with SIGKILL, the standby promoted at once (`promote standby`, which
                fences the old primary's directory): promoted %.0f ms after the kill, the first command accepted %.0f ms
                after it (the application's connections found the new primary by themselves; commands were answered
                503 `READ_ONLY` meanwhile). With the services' watch (`--failover-after`, 5 s) the promotion waits that
                long: `FailoverDrillIT` measured the first command accepted 6.4 s after the kill.

                **Promise**: RPO 0 — a command acknowledged before the primary is lost is on the standby (every commit
                waits for it; `FailoverDrillIT` checks every acknowledged command after a SIGKILL of the primary); RTO
                under 60 s with the watch's default (measured above and in the drill). Lost standby: commands are refused
                (`READ_ONLY`) until it is back, unless `--standby-lost=continue` trades RPO 0 for availability.
                """.formatted(
                        LocalDate.now(),
                        Reports.machine(),
                        String.join(" ", args),
                        table,
                        lag.percentileMillis(50),
                        lag.percentileMillis(99),
                        lag.percentileMillis(100),
                        lag.percentileBytes(99),
                        promoteMs,
                        rtoMs);
    }

    /** The standby's replay lag as the primary sees it, sampled every second on a thread of its own. */
    private static final class ReplicationLag {

        private final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> bytes = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean stopping = new AtomicBoolean();
        private Thread sampler;

        static ReplicationLag start(String primaryUrl) {
            ReplicationLag lag = new ReplicationLag();
            lag.sampler = new Thread(() -> lag.sample(primaryUrl), "replication-lag");
            lag.sampler.setDaemon(true);
            lag.sampler.start();
            return lag;
        }

        private void sample(String primaryUrl) {
            try (Connection connection = DriverManager.getConnection(primaryUrl);
                    Statement statement = connection.createStatement()) {
                while (!stopping.get()) {
                    try (ResultSet row =
                            statement.executeQuery("SELECT COALESCE(EXTRACT(EPOCH FROM replay_lag) * 1000, 0)::bigint, "
                                    + "pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint "
                                    + "FROM pg_stat_replication")) {
                        if (row.next()) {
                            millis.add(row.getLong(1));
                            bytes.add(row.getLong(2));
                        }
                    }
                    Thread.sleep(1_000);
                }
            } catch (SQLException e) {
                System.err.println("replication lag sampling stopped: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() throws InterruptedException {
            stopping.set(true);
            sampler.join();
        }

        long percentileMillis(double percentile) {
            return percentile(millis, percentile);
        }

        long percentileBytes(double percentile) {
            return percentile(bytes, percentile);
        }

        private static long percentile(List<Long> values, double percentile) {
            List<Long> sorted;
            synchronized (values) {
                sorted = new ArrayList<>(values);
            }
            if (sorted.isEmpty()) {
                return 0;
            }
            Collections.sort(sorted);
            int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }
}
