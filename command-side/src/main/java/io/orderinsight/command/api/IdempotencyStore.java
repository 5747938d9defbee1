package io.orderinsight.command.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private static final String INSERT = "INSERT INTO idempotency_record "
            + "(caller, idempotency_key, request_hash, status, location, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

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
                IdempotencyStore::claimOf,
                lockIdOf(caller, key),
                caller,
                key);
        return rows.get(0);
    }

    /**
     * {@link #claim} of several keys in one round trip, for one transaction running several commands; the claims in
     * the order of the keys. A key given twice is claimed twice alike (the lock is the transaction's already).
     */
    public List<Claim> claimAll(String caller, List<String> keys) {
        Long[] locks = keys.stream().map(key -> lockIdOf(caller, key)).toArray(Long[]::new);
        String[] names = keys.toArray(String[]::new);
        return jdbc.query(
                connection -> {
                    PreparedStatement query = connection.prepareStatement(
                            "SELECT pg_try_advisory_xact_lock(k.lock_id), r.request_hash, r.status, r.location, r.body "
                                    + "FROM unnest(?::bigint[], ?::text[]) WITH ORDINALITY AS k(lock_id, key, position) "
                                    + "LEFT JOIN idempotency_record r ON r.caller = ? AND r.idempotency_key = k.key "
                                    + "ORDER BY k.position");
                    query.setArray(1, connection.createArrayOf("bigint", locks));
                    query.setArray(2, connection.createArrayOf("text", names));
                    query.setString(3, caller);
                    return query;
                },
                IdempotencyStore::claimOf);
    }

    /** A key's answer to record, for {@link #saveAll}. */
    public record Record(String key, String requestHash, Answer answer) {}

    /** {@link #save} of several keys' answers in one batch. */
    public void saveAll(String caller, List<Record> records, Instant now) {
        if (records.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        jdbc.batchUpdate(INSERT, records, records.size(), (statement, record) -> {
            statement.setString(1, caller);
            statement.setString(2, record.key());
            statement.setString(3, record.requestHash());
            statement.setInt(4, record.answer().status());
            statement.setString(5, record.answer().location());
            statement.setString(6, record.answer().body());
            statement.setTimestamp(7, at);
        });
    }

    public void save(String caller, String key, String requestHash, Answer answer, Instant now) {
        jdbc.update(
                INSERT,
                caller,
                key,
                requestHash,
                answer.status(),
                answer.location(),
                answer.body(),
                Timestamp.from(now));
    }

    private static Claim claimOf(ResultSet row, int number) throws SQLException {
        return new Claim(
                row.getBoolean(1),
                row.getString(2) == null
                        ? Optional.empty()
                        : Optional.of(new Stored(
                                row.getString(2), new Answer(row.getInt(3), row.getString(4), row.getString(5)))));
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
