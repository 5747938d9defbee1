package io.orderinsight.command.api;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the event store takes writes: the node's read-only mode. A command whose transaction fails because the
 * database will not write (SQLState 25006: connected to a standby, or a database set read-only) or cannot be reached
 * (SQLState class 08, a server shutting down or starting, a connection pool that could not connect in time) turns the
 * node read-only. While it is, commands are answered 503 {@code READ_ONLY} with {@code Retry-After} at once, without
 * waiting on the database; queries, the live stream, audits and the dashboard keep serving from what is stored.
 * {@link #probe()} asks the database every {@code orderinsight.writes.probe-interval} (1 s) whether it takes writes —
 * a primary ({@code pg_is_in_recovery()} false) whose transactions are not read-only — and turns the mode on or off
 * by the answer.
 * Those who must act on a change (Kafka ingestion pauses its consumers) {@link #onChange listen}.
 */
public class WriteAvailability {

    private static final Logger log = LoggerFactory.getLogger(WriteAvailability.class);

    /** SQLState of a write in a read-only transaction: a standby, or {@code default_transaction_read_only}. */
    static final String READ_ONLY_TRANSACTION = "25006";

    /**
     * In recovery (a standby); transactions read-only; and commits waiting for a synchronous standby that is not there
     * (checked only where the role may see the replication's state: elsewhere its rows look empty).
     */
    private static final String PROBE = "SELECT pg_is_in_recovery(), current_setting('transaction_read_only'), "
            + "current_setting('synchronous_standby_names') <> '' "
            + "AND ((SELECT rolsuper FROM pg_roles WHERE rolname = current_user) "
            + "OR pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')) "
            + "AND NOT EXISTS (SELECT 1 FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum'))";

    private final DataSource dataSource;
    private final Clock clock;
    private final List<Consumer<Optional<ReadOnly>>> listeners = new CopyOnWriteArrayList<>();
    private volatile ReadOnly readOnly;
    private ScheduledExecutorService probing;

    /** Why and since when the node refuses commands. */
    public record ReadOnly(Instant since, String reason) {}

    /** @param dataSource the event store's database */
    public WriteAvailability(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Probes every {@code interval} on a thread of its own (not the application's scheduler, whose one thread a long
     * task — the anomaly detector's run — would hold while the mode waits to end).
     */
    public void start(Duration interval) {
        ScheduledExecutorService probing = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "write-probe");
            thread.setDaemon(true);
            return thread;
        });
        probing.scheduleWithFixedDelay(
                () -> {
                    try {
                        probe();
                    } catch (RuntimeException e) {
                        log.warn("the write probe failed: {}", e.toString());
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        this.probing = probing;
    }

    /** Stops probing. */
    public void stop() {
        if (probing != null) {
            probing.shutdownNow();
        }
    }

    /** Since when and why the node is read-only; empty while it takes commands. */
    public Optional<ReadOnly> readOnly() {
        return Optional.ofNullable(readOnly);
    }

    /** Calls {@code listener} with the new state whenever the node turns read-only or writable again. */
    public void onChange(Consumer<Optional<ReadOnly>> listener) {
        listeners.add(listener);
    }

    /**
     * Whether {@code failure} says the database cannot take writes now; if so the node turns read-only. Any other
     * failure (a bug, a constraint, a pool busy with healthy connections) is none of this mode's business.
     */
    public boolean refusesWrites(Throwable failure) {
        Optional<String> reason = reasonOf(failure);
        reason.ifPresent(this::turnReadOnly);
        return reason.isPresent();
    }

    /** Why {@code failure} means the database takes no writes now, if it does. */
    static Optional<String> reasonOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (READ_ONLY_TRANSACTION.equals(state)) {
                    return Optional.of("the database takes no writes (a standby, or set read-only)");
                }
                if ("08007".equals(state)) {
                    return Optional.of("a commit was not confirmed by the synchronous standby in time");
                }
                if (state != null && state.startsWith("08")) {
                    return Optional.of("the database cannot be reached");
                }
                if (state != null && state.startsWith("57P")) {
                    return Optional.of("the database is shutting down or starting");
                }
                if (cause instanceof SQLTransientConnectionException && cause.getCause() != null) {
                    return reasonOf(cause.getCause()).or(() -> Optional.of("the database cannot be reached"));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Asks the database whether it takes writes, and turns the mode on or off by the answer: a standby or a read-only
     * database is found without a command failing on it, and the end of the mode is found at all.
     */
    public void probe() {
        Optional<String> why;
        try {
            why = whyReadOnly();
        } catch (SQLException | RuntimeException e) {
            // no answer that says anything (a pool busy under load, say): the mode stays as it is
            log.debug("the write probe got no answer: {}", e.toString());
            return;
        }
        if (why.isPresent()) {
            turnReadOnly(why.get());
            return;
        }
        ReadOnly ended;
        synchronized (this) {
            ended = readOnly;
            readOnly = null;
        }
        if (ended != null) {
            log.info(
                    "the database takes writes again: commands are accepted (read-only for {} s)",
                    Duration.between(ended.since(), clock.instant()).toSeconds());
            notifyListeners();
        }
    }

    /** Why the database takes no writes now; empty when it does; throws when there is no telling. */
    private Optional<String> whyReadOnly() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(PROBE)) {
            row.next();
            if (row.getBoolean(1)) {
                return Optional.of("the database is a standby (in recovery)");
            }
            if ("on".equals(row.getString(2))) {
                return Optional.of("the database takes no writes (set read-only)");
            }
            if (row.getBoolean(3)) {
                return Optional.of("the synchronous standby is gone: every commit would wait for it (RPO 0); "
                        + "start it again, or let commits go on without it");
            }
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            Optional<String> reason = reasonOf(e);
            if (reason.isEmpty()) {
                throw e;
            }
            return reason;
        }
    }

    private void turnReadOnly(String reason) {
        synchronized (this) {
            if (readOnly != null) {
                if (!readOnly.reason().equals(reason)) {
                    readOnly = new ReadOnly(readOnly.since(), reason);
                }
                return;
            }
            readOnly = new ReadOnly(clock.instant(), reason);
        }
        log.warn("read-only: {}; commands are answered 503 READ_ONLY until it takes writes again", reason);
        notifyListeners();
    }

    private void notifyListeners() {
        Optional<ReadOnly> state = readOnly();
        for (Consumer<Optional<ReadOnly>> listener : listeners) {
            try {
                listener.accept(state);
            } catch (RuntimeException e) {
                log.warn("a listener of the read-only mode failed", e);
            }
        }
    }
}
