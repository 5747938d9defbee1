package io.orderinsight.infra.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store's PostgreSQL on two sites, for the {@code services} command: a primary and a streaming standby that
 * every commit waits for ({@code synchronous_standby_names = '*'}: RPO 0). The standby is a base backup of the primary
 * ({@code pg_basebackup} of Debian's PostgreSQL client, against the embedded server) run by the embedded binaries, as
 * the primary is. App nodes of either site reach both through one multi-host URL ({@link #jdbcUrl()}, {@code
 * targetServerType=preferPrimary}): the primary while there is one, else the standby, whose reads serve and whose
 * refused writes (SQLState 25006) turn the node read-only until a primary is back.
 *
 * <p>Commands ({@link #control}): {@code kill primary} (SIGKILL, a lost site), {@code promote standby} (failover: the
 * old primary is killed if it still runs and fenced — its directory renamed, so it can never start as a primary again —
 * and the standby promoted; commits are asynchronous until a new standby joins), {@code rejoin} (the lost site comes
 * back as the new standby, from a fresh base backup, and commits wait for it again), {@code switchover} (planned: the
 * primary shut down cleanly, which sends the standby every WAL record first, then promoted and rejoined), {@code kill
 * standby} (SIGKILL), {@code stop standby} / {@code start standby}.
 */
public final class PostgresSites implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresSites.class);

    /** Whether a standby streams from its primary, asked of the standby. */
    private static final String STREAMING =
            "SELECT EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')";

    /** What the services print for a command, and what drills wait for. */
    public static final List<String> COMMANDS = List.of(
            "kill primary", "promote standby", "rejoin", "switchover", "kill standby", "stop standby", "start standby");

    private final Site[] sites;
    private volatile int primary;
    private volatile boolean asynchronous;

    /** What the sites do when the synchronous standby is gone while the primary runs. */
    public enum StandbyLost {
        /** Commits wait for it (RPO 0): the app nodes refuse commands (READ_ONLY) until it is back. */
        WAIT,
        /** Commits go on without it after the grace (RPO > 0 meanwhile, logged as such) until it streams again. */
        CONTINUE
    }

    /** One site's server: its directory, its port, and the running server (null when down). */
    private static final class Site {
        final String name;
        final Path directory;
        final int port;
        EmbeddedPostgres server;

        Site(String name, Path directory, int port) {
            this.name = name;
            this.directory = directory;
            this.port = port;
        }

        String url() {
            return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
        }
    }

    private PostgresSites(Site a, Site b, int primary) {
        this.sites = new Site[] {a, b};
        this.primary = primary;
    }

    /**
     * Starts site {@code a} ({@code data/postgres}) and site {@code b} ({@code data/postgres-b}): the one holding data
     * that is no standby as the primary — {@code a} on a first start — and the other as its synchronous standby, made
     * from a base backup if it has no data (a first start, or a site fenced after a failover).
     */
    public static PostgresSites start(Path data, int portA, int portB) throws IOException {
        Site a = new Site(
                "a",
                data.resolve("postgres").toAbsolutePath(),
                portA == 0 ? EmbeddedPostgresConfiguration.freePort() : portA);
        Site b = new Site(
                "b",
                data.resolve("postgres-b").toAbsolutePath(),
                portB == 0 ? EmbeddedPostgresConfiguration.freePort() : portB);
        boolean aPrimary = hasData(a) && !isStandby(a);
        boolean bPrimary = hasData(b) && !isStandby(b);
        if (aPrimary && bPrimary) {
            throw new IOException("both sites hold a primary (" + a.directory + ", " + b.directory
                    + "): fence the one that lost (move its directory away) before starting");
        }
        if (!aPrimary && !bPrimary && (hasData(a) || hasData(b))) {
            throw new IOException("neither site holds a primary (" + a.directory + ", " + b.directory + ")");
        }
        PostgresSites sites = new PostgresSites(a, b, bPrimary ? 1 : 0);
        Site primary = sites.primary();
        primary.server = EmbeddedPostgresConfiguration.start(primary.directory, primary.port);
        sites.startStandby();
        return sites;
    }

    /**
     * Watches both sites every half second: a primary that has not answered for {@code failoverAfter} is failed over
     * to the standby ({@code promote standby}); a synchronous standby that has not streamed for as long is waited for
     * or, by {@code standbyLost}, done without until it streams again.
     */
    public void watch(Duration failoverAfter, StandbyLost standbyLost) {
        Thread watcher = new Thread(() -> watchLoop(failoverAfter, standbyLost), "postgres-sites-watch");
        watcher.setDaemon(true);
        watcher.start();
        log.info(
                "watching the sites: failover after the primary is silent for {} s; synchronous standby lost: {}",
                failoverAfter.toSeconds(),
                standbyLost);
    }

    private void watchLoop(Duration failoverAfter, StandbyLost standbyLost) {
        long primarySilentSince = 0;
        long standbySilentSince = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(500);
                long now = System.nanoTime();
                Site first = primary();
                if (answers(first)) {
                    primarySilentSince = 0;
                } else if (primarySilentSince == 0) {
                    primarySilentSince = now;
                    log.warn("site {}'s primary does not answer", first.name);
                } else if (now - primarySilentSince > failoverAfter.toNanos() && standby().server != null) {
                    synchronized (this) {
                        if (primary() == first) {
                            log.warn(
                                    "site {}'s primary silent for {} s: failing over",
                                    first.name,
                                    failoverAfter.toSeconds());
                            log.warn(promote());
                        }
                    }
                    primarySilentSince = 0;
                    continue;
                }
                if (standbyLost != StandbyLost.CONTINUE || primarySilentSince != 0) {
                    continue;
                }
                if (streamingSynchronously(primary()) || standbyStreams()) {
                    standbySilentSince = 0;
                    if (asynchronous && standbyStreams()) {
                        synchronous(primary(), "*");
                        asynchronous = false;
                        log.warn("the standby streams again: commits wait for it (RPO 0)");
                    }
                } else if (standbySilentSince == 0) {
                    standbySilentSince = now;
                } else if (!asynchronous && now - standbySilentSince > failoverAfter.toNanos()) {
                    synchronous(primary(), "");
                    asynchronous = true;
                    log.warn(
                            "ALERT: the synchronous standby has been gone for {} s: commits go on without it "
                                    + "(RPO > 0 until it streams again)",
                            failoverAfter.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                log.warn("watching the sites: {}", e.toString());
            }
        }
    }

    private static boolean answers(Site site) {
        return holds(site, "SELECT true");
    }

    /** Whether the primary has a standby streaming that its commits wait for. */
    private static boolean streamingSynchronously(Site primary) {
        return holds(
                primary, "SELECT EXISTS (SELECT 1 FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum'))");
    }

    private boolean standbyStreams() {
        Site site = standby();
        return site.server != null && holds(site, STREAMING);
    }

    /** Whether {@code site} answers {@code query} (one boolean) with true; false too when it does not answer. */
    private static boolean holds(Site site, String query) {
        try (Connection connection = DriverManager.getConnection(site.url() + "&connectTimeout=2&socketTimeout=2");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            return row.next() && row.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The URL app nodes of either site use: both hosts, the primary preferred, the standby's reads when it is gone. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + sites[0].port + ",localhost:" + sites[1].port
                + "/postgres?user=postgres&targetServerType=preferPrimary&hostRecheckSeconds=1";
    }

    /** The primary's own URL (one host), for tools that watch it. */
    public String primaryUrl() {
        return primary().url();
    }

    /**
     * Whether every commit waits for the standby ({@code synchronous_standby_names}): true is RPO 0, false lets the
     * standby stream behind (asynchronous) — what {@code --standby-lost=continue} does, and what a benchmark compares.
     */
    public synchronized void commitsWaitForStandby(boolean wait) throws IOException {
        synchronous(primary(), wait ? "*" : "");
    }

    /** Runs one of {@link #COMMANDS}; what it did, in a line. */
    public synchronized String control(String command) throws IOException {
        return switch (command) {
            case "kill primary" -> killPrimary();
            case "promote standby" -> promote();
            case "rejoin" -> rejoin();
            case "switchover" -> switchover();
            case "kill standby" -> killStandby();
            case "stop standby" -> stopStandby();
            case "start standby" -> startStandby();
            default -> null;
        };
    }

    private Site primary() {
        return sites[primary];
    }

    private Site standby() {
        return sites[1 - primary];
    }

    private String killPrimary() {
        Site site = primary();
        Optional<ProcessHandle> server = serverOf(site);
        if (server.isEmpty()) {
            return "primary was not running";
        }
        kill(server.get());
        release(site);
        return "primary killed: site " + site.name;
    }

    /**
     * Failover: fences the old primary (killed if it still runs, its directory renamed so it never starts as a primary
     * again), promotes the standby, and lets commits go on without a standby (RPO 0 again once one rejoins).
     */
    private String promote() throws IOException {
        Site old = primary();
        Site next = standby();
        if (next.server == null) {
            return "promote refused: the standby is not running";
        }
        serverOf(old).ifPresent(PostgresSites::kill);
        release(old);
        Path fenced = fence(old);
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(next.url());
                Statement statement = connection.createStatement()) {
            try (ResultSet promoted = statement.executeQuery("SELECT pg_promote(true, 60)")) {
                promoted.next();
                if (!promoted.getBoolean(1)) {
                    return "promote failed: site " + next.name + " did not finish promoting within 60 s";
                }
            }
            statement.execute("ALTER SYSTEM SET synchronous_standby_names = ''");
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not promote site " + next.name + ": " + e.getMessage(), e);
        }
        primary = 1 - primary;
        return "standby promoted: site " + next.name + " is the primary (in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms); site " + old.name
                + " fenced in " + fenced.getFileName() + "; commits are asynchronous until a standby rejoins";
    }

    /** The site without a server comes back as the standby, from a fresh base backup of the primary. */
    private String rejoin() throws IOException {
        Site site = standby();
        if (site.server != null) {
            return "rejoin refused: site " + site.name + " runs already";
        }
        if (Files.exists(site.directory)) {
            fence(site);
        }
        return startStandby();
    }

    /** Planned switch: the primary stops cleanly (its standby gets every WAL record first), then failover and rejoin. */
    private String switchover() throws IOException {
        Site old = primary();
        if (standby().server == null || old.server == null) {
            return "switchover refused: both sites must run";
        }
        old.server.close();
        old.server = null;
        String promoted = promote();
        if (!promoted.startsWith("standby promoted")) {
            return promoted;
        }
        rejoin();
        return "switched over: site " + primary().name + " is the primary, site " + old.name + " its standby";
    }

    private String killStandby() {
        Site site = standby();
        Optional<ProcessHandle> server = serverOf(site);
        if (server.isEmpty()) {
            return "standby was not running";
        }
        kill(server.get());
        release(site);
        return "standby killed: site " + site.name;
    }

    private String stopStandby() throws IOException {
        Site site = standby();
        if (site.server == null) {
            return "standby was not running";
        }
        site.server.close();
        site.server = null;
        return "standby stopped: site " + site.name;
    }

    /** Starts the standby (a base backup of the primary first, if it has no data), and makes commits wait for it. */
    private String startStandby() throws IOException {
        Site site = standby();
        if (site.server != null) {
            return "standby was running";
        }
        if (!hasData(site)) {
            baseBackup(primary(), site);
        }
        site.server = EmbeddedPostgresConfiguration.start(site.directory, site.port);
        awaitStreaming(site);
        synchronous(primary(), "*");
        return "standby started: site " + site.name + ", commits wait for it";
    }

    private static void baseBackup(Site from, Site to) throws IOException {
        Files.createDirectories(to.directory.getParent());
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(
                baseBackupCommand(),
                "-h",
                "localhost",
                "-p",
                Integer.toString(from.port),
                "-U",
                "postgres",
                "-D",
                to.directory.toString(),
                "-X",
                "stream",
                "-R",
                "-c",
                "fast"));
        Process backup = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(backup.getInputStream().readAllBytes());
        try {
            if (!backup.waitFor(10, TimeUnit.MINUTES) || backup.exitValue() != 0) {
                throw new IOException("pg_basebackup of site " + from.name + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during the base backup", e);
        }
        // the copy of the primary's lock file and pid file mean nothing for the standby
        Files.deleteIfExists(to.directory.resolve("postmaster.pid"));
        log.info(
                "base backup of site {} into site {} ({}) in {} ms",
                from.name,
                to.name,
                to.directory,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Debian's {@code pg_basebackup} (package postgresql-client), on the path or under /usr/lib/postgresql. */
    private static String baseBackupCommand() throws IOException {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "pg_basebackup"))) {
                return Path.of(directory, "pg_basebackup").toString();
            }
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> installed = Files.list(versions)) {
                Optional<Path> found = installed
                        .map(version -> version.resolve("bin/pg_basebackup"))
                        .filter(Files::isExecutable)
                        .findFirst();
                if (found.isPresent()) {
                    return found.get().toString();
                }
            }
        }
        throw new IOException("pg_basebackup not found: install Debian's postgresql-client for a standby site");
    }

    private static void awaitStreaming(Site standby) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (holds(standby, STREAMING)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the standby", e);
            }
        }
        throw new IOException("site " + standby.name + " did not start streaming from its primary within 60 s");
    }

    private static void synchronous(Site primary, String standbys) throws IOException {
        try (Connection connection = DriverManager.getConnection(primary.url());
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER SYSTEM SET synchronous_standby_names = '" + standbys + "'");
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not make site " + primary.name + "'s commits wait for its standby", e);
        }
    }

    /** Renames a site's directory out of the way, so that it never starts again as what it was. */
    private static Path fence(Site site) throws IOException {
        Path fenced = site.directory.resolveSibling(site.directory.getFileName() + ".fenced-"
                + DateTimeFormatter.ISO_INSTANT.format(Instant.now()).replace(':', '-'));
        Files.move(site.directory, fenced);
        log.warn("site {} fenced: {} moved to {}", site.name, site.directory, fenced);
        return fenced;
    }

    private static boolean hasData(Site site) {
        return Files.exists(site.directory.resolve("PG_VERSION"));
    }

    private static boolean isStandby(Site site) {
        return Files.exists(site.directory.resolve("standby.signal"));
    }

    private static Optional<ProcessHandle> serverOf(Site site) {
        Path pid = site.directory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pid)) {
                return Optional.empty();
            }
            return Files.readAllLines(pid).stream()
                    .findFirst()
                    .map(String::trim)
                    .map(Long::valueOf)
                    .flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Lets go of a killed site's launcher, which holds a lock on the site's directory for as long as it lives (a new
     * server there would fail on it); its attempt to stop the server that is gone is logged and changes nothing.
     */
    private static void release(Site site) {
        if (site.server != null) {
            try {
                site.server.close();
            } catch (IOException e) {
                log.debug("the launcher of site {} after the kill: {}", site.name, e.toString());
            }
            site.server = null;
        }
    }

    private static void kill(ProcessHandle server) {
        server.destroyForcibly();
        server.onExit().join();
    }

    @Override
    public synchronized void close() {
        for (Site site : sites) {
            if (site.server != null) {
                try {
                    site.server.close();
                } catch (IOException e) {
                    log.warn("site {} did not stop cleanly: {}", site.name, e.toString());
                }
                site.server = null;
            }
        }
    }
}
