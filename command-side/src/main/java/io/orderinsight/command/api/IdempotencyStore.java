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

    public record Stored(String requestHash, Answer answer) {}

    /**
     * The state of a key for the current transaction, read in one round trip.
     *
     * @param locked whether this transaction now holds the key's lock (false: another request is running with it)
     * @param stored the answer recorded for the key, if any
     */
    public record Claim(boolean locked, Optional<Stored> stored) {}

    /** Takes the key's lock for the current transaction and reads what the key has recorded. */
    public Claim claim(String caller, String key) {
        List<Claim> rows = jdbc.query(
                "SELECT l.locked, r.request_hash, r.status, r.location, r.body "
                        + "FROM (SELECT pg_try_advisory_xact_lock(?) AS locked) l "
                        + "LEFT JOIN idempotency_record r ON r.caller = ? AND r.idempotency_key = ?",
                (rs, row) -> new Claim(
                        rs.getBoolean(1),
                        rs.getString(2) == null
                                ? Optional.empty()
                                : Optional.of(new Stored(
                                        rs.getString(2), new Answer(rs.getInt(3), rs.getString(4), rs.getString(5))))),
                lockIdOf(caller, key),
                caller,
                key);
        return rows.get(0);
    }

    public void save(String caller, String key, String requestHash, Answer answer, Instant now) {
        jdbc.update(
                "INSERT INTO idempotency_record "
                        + "(caller, idempotency_key, request_hash, status, location, body, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                caller,
                key,
                requestHash,
                answer.status(),
                answer.location(),
                answer.body(),
                Timestamp.from(now));
    }

    /** Forgets records older than {@code retention}; returns how many. */
    public int purgeOlderThan(Instant now, Duration retention) {
        return jdbc.update("DELETE FROM idempotency_record WHERE created_at < ?", Timestamp.from(now.minus(retention)));
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
