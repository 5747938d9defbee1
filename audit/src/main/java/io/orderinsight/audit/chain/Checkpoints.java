package io.orderinsight.audit.chain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Signs the chain's head every {@code orderinsight.audit.checkpoint-interval} (when it moved) with Ed25519, but only
 * when the chain still extends the head it signed last: the link at the last checkpoint still has the signed hash,
 * and every link from there to the new head re-hashes from the stored events. The last checkpoint is the checkpoint
 * file's (kept outside the database, so deleting checkpoint rows does not move it back); the database must still hold
 * it. Otherwise it refuses — an error in the log, the {@code auditChain} health down with the reason, and the counter
 * {@code orderinsight.audit.signing.refused} — until the chain extends the signed head again.
 *
 * <p>Each checkpoint signs its predecessor's hash, is written to {@code chain_checkpoint}, appended to the checkpoint
 * file and published; checkpoints the file or the topic missed (a crash in between, a broker down) are delivered on
 * the next round.
 */
public class Checkpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final int PUBLISH_BATCH = 1_000;
    private static final String COLUMNS = "chain_seq, hash, signed_at, previous_hash, signature";
    private static final RowMapper<Checkpoint> ROW = (row, index) -> new Checkpoint(
            row.getLong(1), row.getString(2), row.getTimestamp(3).toInstant(), row.getString(4), row.getString(5));

    /** The checkpoints, oldest first, and the public key that verifies them (base64 X.509). */
    public record Signed(List<Checkpoint> items, String algorithm, String publicKey) {}

    /**
     * Why the last round refused to sign the head.
     *
     * @param lastSigned the chain sequence number of the last signed checkpoint, or null
     * @param head the chain's head when it refused
     */
    public record Refusal(Long lastSigned, long head, String reason, Instant at) {}

    private final JdbcTemplate jdbc;
    private final ChainStore chain;
    private final SigningKeys keys;
    private final CheckpointFile file;
    private final CheckpointPublisher publisher;
    private final Counter refused;
    private final Clock clock;
    private volatile Refusal refusal;

    public Checkpoints(
            JdbcTemplate jdbc,
            ChainStore chain,
            SigningKeys keys,
            CheckpointFile file,
            CheckpointPublisher publisher,
            MeterRegistry meters,
            Clock clock) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.keys = keys;
        this.file = file;
        this.publisher = publisher;
        this.refused = Counter.builder("orderinsight.audit.signing.refused")
                .description(
                        "signing rounds that refused to sign a chain head that does not extend the last signed one")
                .register(meters);
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${orderinsight.audit.checkpoint-interval:PT1M}",
            initialDelayString = "${orderinsight.audit.checkpoint-interval:PT1M}")
    public synchronized void signHead() {
        try {
            signIfExtended();
        } catch (RuntimeException e) {
            LOG.error("the audit chain's head could not be signed this round", e);
        } finally {
            publishPending();
        }
    }

    /** Why the last round refused to sign, or empty when it signed (or had nothing new to sign). */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The newest checkpoint in the database, or empty. */
    public Optional<Checkpoint> newest() {
        return jdbc.query("select " + COLUMNS + " from chain_checkpoint order by chain_seq desc limit 1", ROW).stream()
                .findFirst();
    }

    /** The checkpoints in the database, oldest first. */
    public List<Checkpoint> stored() {
        return jdbc.query("select " + COLUMNS + " from chain_checkpoint order by chain_seq", ROW);
    }

    public Signed all() {
        return new Signed(stored(), "Ed25519", keys.publicKeyBase64());
    }

    /** The number of checkpoints the topic has not acknowledged yet. */
    public long unpublished() {
        Long count =
                jdbc.queryForObject("select count(*) from chain_checkpoint where published_at is null", Long.class);
        return count == null ? 0 : count;
    }

    private void signIfExtended() {
        Object[] head = chain.head();
        long headSeq = head == null ? -1 : (Long) head[0];
        Checkpoint last;
        try {
            last = fileUpToDate();
            String problem = head == null && last == null ? null : doesNotExtend(last, headSeq);
            if (problem != null) {
                throw new NotExtended(last == null ? null : last.chainSeq(), problem);
            }
            if (last != null) {
                databaseHolds(last);
            }
        } catch (NotExtended e) {
            refuse(e.lastSigned, headSeq, e.getMessage());
            return;
        }
        refusal = null;
        if (head == null || (last != null && last.chainSeq() == headSeq)) {
            return;
        }
        Checkpoint signed = Checkpoint.sign(
                keys,
                headSeq,
                (String) head[1],
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                last == null ? ChainLink.GENESIS : last.hash());
        int inserted = jdbc.update(
                "insert into chain_checkpoint (" + COLUMNS
                        + ") values (?, ?, ?, ?, ?) on conflict (chain_seq) do nothing",
                signed.chainSeq(),
                signed.hash(),
                Timestamp.from(signed.signedAt()),
                signed.previousHash(),
                signed.signature());
        if (inserted == 1) {
            file.append(signed);
        }
    }

    /**
     * Appends to the file the checkpoints the database has after the file's last one (signed by this key and chained
     * to it: another node's, or one whose append a crash cut off), and answers the last signed checkpoint — the
     * file's — or null when nothing was signed yet.
     */
    private Checkpoint fileUpToDate() {
        Checkpoint last = file.last();
        List<Checkpoint> newer = jdbc.query(
                "select " + COLUMNS + " from chain_checkpoint where chain_seq > ? order by chain_seq",
                ROW,
                last == null ? -1 : last.chainSeq());
        for (Checkpoint checkpoint : newer) {
            Long lastSigned = last == null ? null : last.chainSeq();
            if (!checkpoint.signedBy(keys.publicKey())) {
                throw new NotExtended(
                        lastSigned,
                        "the database's checkpoint at chainSeq " + checkpoint.chainSeq()
                                + " is not signed by this node's audit key");
            }
            String expected = last == null ? ChainLink.GENESIS : last.hash();
            if (checkpoint.previousHash() != null && !checkpoint.previousHash().equals(expected)) {
                throw new NotExtended(
                        lastSigned,
                        "the database's checkpoint at chainSeq " + checkpoint.chainSeq()
                                + " does not follow the checkpoint file's last one");
            }
            file.append(checkpoint);
            last = checkpoint;
        }
        return last;
    }

    /** Refuses when the database no longer holds the file's last checkpoint as it was signed. */
    private void databaseHolds(Checkpoint last) {
        List<String> stored = jdbc.queryForList(
                "select hash from chain_checkpoint where chain_seq = ?", String.class, last.chainSeq());
        if (stored.isEmpty() || !stored.get(0).equals(last.hash())) {
            throw new NotExtended(
                    last.chainSeq(),
                    "the database no longer holds the checkpoint at chainSeq " + last.chainSeq()
                            + " that the checkpoint file holds: checkpoints were deleted or replaced");
        }
    }

    /** Why the chain up to {@code headSeq} does not extend {@code last} (the genesis when null), or null. */
    private String doesNotExtend(Checkpoint last, long headSeq) {
        if (last == null) {
            ChainCheck.Result walk = chain.walk(0, headSeq, ChainLink.GENESIS);
            return walk.verified() ? null : describe(walk);
        }
        if (headSeq < last.chainSeq()) {
            return "the chain's head " + headSeq + " is behind the last signed checkpoint at chainSeq "
                    + last.chainSeq() + ": the chain was cut back";
        }
        String linked = chain.hashesAt(List.of(last.chainSeq())).get(last.chainSeq());
        if (!last.hash().equals(linked)) {
            return "the chain's link at chainSeq " + last.chainSeq() + " is " + linked + " but the signed checkpoint"
                    + " there is " + last.hash() + ": the chain was rewritten at or before it";
        }
        ChainCheck.Result walk = chain.walk(last.chainSeq() + 1, headSeq, last.hash());
        return walk.verified() ? null : describe(walk);
    }

    private static String describe(ChainCheck.Result walk) {
        return walk.problem() + " at chainSeq " + walk.brokenAt() + ": " + walk.detail();
    }

    private void refuse(Long lastSigned, long head, String reason) {
        refused.increment();
        refusal = new Refusal(lastSigned, head, reason, clock.instant());
        LOG.error(
                "AUDIT ALERT: refusing to sign the audit chain's head {} (last signed checkpoint: {}): {}",
                head,
                lastSigned,
                reason);
    }

    /** The chain does not extend the last signed checkpoint, or the checkpoints themselves disagree. */
    private static final class NotExtended extends RuntimeException {
        private final Long lastSigned;

        NotExtended(Long lastSigned, String reason) {
            super(reason, null, false, false);
            this.lastSigned = lastSigned;
        }
    }

    /** Publishes the checkpoints the topic has not acknowledged, oldest first, stopping at the first failure. */
    private void publishPending() {
        try {
            List<Checkpoint> pending = jdbc.query(
                    "select " + COLUMNS + " from chain_checkpoint where published_at is null order by chain_seq limit "
                            + PUBLISH_BATCH,
                    ROW);
            for (Checkpoint checkpoint : pending) {
                if (!checkpoint.signedBy(keys.publicKey())) {
                    LOG.error(
                            "AUDIT ALERT: the database's checkpoint at chainSeq {} is not signed by this node's audit"
                                    + " key; not published",
                            checkpoint.chainSeq());
                    return;
                }
                publisher.publish(checkpoint);
                jdbc.update(
                        "update chain_checkpoint set published_at = ? where chain_seq = ?",
                        Timestamp.from(clock.instant()),
                        checkpoint.chainSeq());
            }
        } catch (Exception e) {
            LOG.warn("audit checkpoints not published yet, tried again on the next round: {}", e.toString());
        }
    }
}
