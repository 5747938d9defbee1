package io.orderinsight.audit.chain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/** Signs the chain's head every {@code orderinsight.audit.checkpoint-interval} (when it moved) with Ed25519. */
public class Checkpoints {

    /** A signed head of the chain. */
    public record Checkpoint(long chainSeq, String hash, Instant signedAt, String signature) {}

    /** The checkpoints, oldest first, and the public key that verifies them (base64 X.509). */
    public record Signed(List<Checkpoint> items, String algorithm, String publicKey) {}

    private final JdbcTemplate jdbc;
    private final ChainStore chain;
    private final SigningKeys keys;
    private final Clock clock;

    public Checkpoints(JdbcTemplate jdbc, ChainStore chain, SigningKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.keys = keys;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${orderinsight.audit.checkpoint-interval:PT1M}",
            initialDelayString = "${orderinsight.audit.checkpoint-interval:PT1M}")
    public void signHead() {
        Object[] head = chain.head();
        if (head == null) {
            return;
        }
        long chainSeq = (Long) head[0];
        String hash = (String) head[1];
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        jdbc.update(
                "insert into chain_checkpoint (chain_seq, hash, signed_at, signature) values (?, ?, ?, ?)"
                        + " on conflict (chain_seq) do nothing",
                chainSeq,
                hash,
                Timestamp.from(now),
                keys.sign(SigningKeys.signed(chainSeq, hash, now.toString())));
    }

    public Signed all() {
        List<Checkpoint> items = jdbc.query(
                "select chain_seq, hash, signed_at, signature from chain_checkpoint order by chain_seq",
                (row, index) -> new Checkpoint(
                        row.getLong(1), row.getString(2), row.getTimestamp(3).toInstant(), row.getString(4)));
        return new Signed(items, "Ed25519", keys.publicKeyBase64());
    }
}
