package io.orderinsight.infra.postgres;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The application's transactions (commands, with their idempotency records and events), whose commit is never left
 * waiting: a commit that waits longer than {@code orderinsight.writes.commit-timeout} (5 s) — with a synchronous
 * standby, one that is gone makes every commit wait for it — is cancelled. PostgreSQL then ends the wait with a
 * warning, the transaction committed locally but perhaps not on the standby; reported as a success that would break
 * RPO 0, so it is reported as a failure instead (SQLState 08007, transaction resolution unknown), which the node
 * answers 503 {@code READ_ONLY}: the caller retries with its idempotency key and gets the stored answer once the
 * standby confirmed it, or the command runs then if a failover lost it. Counter {@code
 * orderinsight.writes.unconfirmed-commits}.
 */
public class ConfirmedCommits extends JdbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(ConfirmedCommits.class);

    /** What PostgreSQL says when a commit's wait for a synchronous standby was cancelled. */
    static final String UNREPLICATED = "synchronous replication";

    /** SQLState of a transaction whose outcome the client cannot know. */
    static final String RESOLUTION_UNKNOWN = "08007";

    private static final ScheduledExecutorService WATCH = watch();

    private final Duration timeout;
    private final Counter unconfirmed;

    public ConfirmedCommits(DataSource dataSource, Duration timeout, MeterRegistry meters) {
        super(dataSource);
        this.timeout = timeout;
        this.unconfirmed = Counter.builder("orderinsight.writes.unconfirmed-commits")
                .description("commits whose wait for the synchronous standby was cancelled and answered as failed")
                .register(meters);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        Connection connection = ((JdbcTransactionObjectSupport) status.getTransaction())
                .getConnectionHolder()
                .getConnection();
        try {
            connection.clearWarnings();
        } catch (SQLException e) {
            // a connection that cannot clear its warnings fails its commit next
        }
        Commit commit = new Commit(connection);
        ScheduledFuture<?> cancel = WATCH.schedule(commit::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            super.doCommit(status);
        } finally {
            cancel.cancel(false);
            commit.done();
        }
        String warning = unreplicated(connection);
        if (warning != null) {
            unconfirmed.increment();
            throw new TransactionSystemException(
                    "the commit was not confirmed by the synchronous standby within " + timeout.toSeconds() + " s",
                    new SQLException(warning, RESOLUTION_UNKNOWN));
        }
    }

    /** One commit under watch: its wait is cancelled only while it is still committing, never a later statement. */
    private static final class Commit {
        private final Connection connection;
        private boolean committing = true;

        Commit(Connection connection) {
            this.connection = connection;
        }

        synchronized void cancel() {
            if (!committing) {
                return;
            }
            try {
                log.warn("a commit waited longer than its timeout (for a synchronous standby?): cancelling its wait");
                connection.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException | RuntimeException e) {
                log.warn("could not cancel a commit's wait: {}", e.toString());
            }
        }

        synchronized void done() {
            committing = false;
        }
    }

    /** The warning of a commit whose wait for the synchronous standby was cancelled; null if there is none. */
    private static String unreplicated(Connection connection) {
        try {
            for (SQLWarning warning = connection.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                if (warning.getMessage() != null && warning.getMessage().contains(UNREPLICATED)) {
                    return warning.getMessage();
                }
            }
            return null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static ScheduledExecutorService watch() {
        ScheduledThreadPoolExecutor watch = new ScheduledThreadPoolExecutor(1, work -> {
            Thread thread = new Thread(work, "commit-watch");
            thread.setDaemon(true);
            return thread;
        });
        watch.setRemoveOnCancelPolicy(true);
        return watch;
    }
}
