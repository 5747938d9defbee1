package io.orderinsight.audit.chain;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * Checks the signed checkpoints of one source (the database, the checkpoint file, an auditor's copy) against the chain:
 * each must be signed by the key, follow the checkpoint before it in the source (its {@code previousHash} is that
 * one's hash, 64 zeros for the first, and its chain sequence number is higher), and name the hash the chain's link at
 * its chain sequence number has. A chain rewritten consistently from some link on, with its links recomputed, still
 * disagrees with every checkpoint signed after that link. The same check serves the verification endpoint and the
 * offline verifier.
 */
public final class CheckpointCheck {

    /** The problem the verification names when a checkpoint disagrees. */
    public static final String PROBLEM = "CHECKPOINT_MISMATCH";

    /**
     * A checkpoint that does not hold: its chain sequence number (null for a line that is no checkpoint), where it
     * came from, and why.
     */
    public record Mismatch(Long chainSeq, String source, String detail) {}

    private CheckpointCheck() {}

    /**
     * The first checkpoint of {@code checkpoints} (in the source's order) that does not hold, or empty.
     *
     * @param compared which chain sequence numbers the chain is compared at (the range the links were verified in)
     * @param linkHash the verified chain's hash at a chain sequence number in {@code compared}, or null when the
     *     chain has no such link
     */
    public static Optional<Mismatch> check(
            List<Checkpoint> checkpoints,
            String source,
            PublicKey key,
            LongPredicate compared,
            LongFunction<String> linkHash) {
        Checkpoint before = null;
        for (Checkpoint checkpoint : checkpoints) {
            long chainSeq = checkpoint.chainSeq();
            String named = "the checkpoint at chainSeq " + chainSeq + " (" + source + ")";
            if (!checkpoint.signedBy(key)) {
                return mismatch(checkpoint, source, named + " is not signed by the audit key");
            }
            if (before != null && chainSeq <= before.chainSeq()) {
                return mismatch(
                        checkpoint, source, named + " comes after the checkpoint at chainSeq " + before.chainSeq());
            }
            String expected = before == null ? ChainLink.GENESIS : before.hash();
            if (checkpoint.previousHash() != null && !checkpoint.previousHash().equals(expected)) {
                return mismatch(
                        checkpoint,
                        source,
                        named + " signs " + checkpoint.previousHash() + " as its predecessor's hash, but "
                                + (before == null
                                        ? "it is the first checkpoint"
                                        : "the checkpoint before it (chainSeq " + before.chainSeq() + ") has "
                                                + before.hash())
                                + ": the checkpoints were removed or replaced");
            }
            if (compared.test(chainSeq)) {
                String link = linkHash.apply(chainSeq);
                if (link == null) {
                    return mismatch(
                            checkpoint, source, named + " signs a link the chain no longer has: it was cut back");
                }
                if (!link.equals(checkpoint.hash())) {
                    return mismatch(
                            checkpoint,
                            source,
                            named + " signed " + checkpoint.hash() + " but the chain's link there is now " + link
                                    + ": the chain was rewritten at or before it");
                }
            }
            before = checkpoint;
        }
        return Optional.empty();
    }

    private static Optional<Mismatch> mismatch(Checkpoint checkpoint, String source, String detail) {
        return Optional.of(new Mismatch(checkpoint.chainSeq(), source, detail));
    }
}
