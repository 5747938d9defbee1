package io.orderinsight.command.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Idempotency records in PostgreSQL. Every method runs in the caller's transaction: the record of an accepted
 * command commits with its events. A transaction-scoped advisory lock marks a key as in progress; it dies with its
 * transaction, so a crashed request never leaves a key stuck.
 */
public class IdempotencyStore {

    private final JdbcTemplate jdbc;

    public IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Stored(String requestHash, Answer answer) {
    }

    /** Takes the key's lock for the current transaction; false when another transaction holds it. */
    public boolean tryLock(String caller, String key) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class,
                lockIdOf(caller, key)));
    }

    public Optional<Stored> find(String caller, String key) {
        List<Stored> rows = jdbc.query(
                "SELECT request_hash, status, location, body FROM idempotency_record "
                        + "WHERE caller = ? AND idempotency_key = ?",
                (rs, row) -> new Stored(rs.getString(1), new Answer(rs.getInt(2), rs.getString(3), rs.getString(4))),
                caller, key);
        return rows.stream().findFirst();
    }

    public void save(String caller, String key, String requestHash, Answer answer, Instant now) {
        jdbc.update("INSERT INTO idempotency_record "
                        + "(caller, idempotency_key, request_hash, status, location, body, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                caller, key, requestHash, answer.status(), answer.location(), answer.body(), Timestamp.from(now));
    }

    /** Forgets records older than {@code retention}; returns how many. */
    public int purgeOlderThan(Instant now, Duration retention) {
        return jdbc.update("DELETE FROM idempotency_record WHERE created_at < ?",
                Timestamp.from(now.minus(retention)));
    }

    private static long lockIdOf(String caller, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((caller + '\u0000' + key).getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                id = (id << 8) | (digest[i] & 0xff);
            }
            return id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
