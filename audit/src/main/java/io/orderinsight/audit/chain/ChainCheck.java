package io.orderinsight.audit.chain;

import java.util.Iterator;

/**
 * Walks a sequence of links in order and names the first one that does not hold: a link whose content no longer
 * matches its hash (modified), a missing chain sequence number or a link whose stored event is gone (removed), a
 * repeated one (inserted), or one that goes backwards (reordered). The same walk serves the verification endpoint and the offline verifier.
 */
public final class ChainCheck {

    /**
     * The outcome of a walk.
     *
     * @param head the last link checked, or null when there was none
     * @param brokenAt the chain sequence number of the first link that does not hold, or null
     * @param problem MODIFIED, REMOVED, INSERTED, REORDERED, MISSING_EVENT or CHECKPOINT_MISMATCH, or null
     */
    public record Result(boolean verified, long checked, ChainLink head, Long brokenAt, String problem, String detail) {

        public static Result ok(long checked, ChainLink head) {
            return new Result(true, checked, head, null, null, null);
        }

        public static Result broken(long checked, ChainLink head, long at, String problem, String detail) {
            return new Result(false, checked, head, at, problem, detail);
        }
    }

    private ChainCheck() {}

    /** Whether chain sequence {@code chainSeq} appears after the link at {@code index} (0-based, in walk order). */
    @FunctionalInterface
    public interface Lookahead {
        Lookahead NONE = (chainSeq, index) -> false;

        boolean appearsAfter(long chainSeq, long index);
    }

    /**
     * Checks {@code links}, the first of which is chain sequence {@code firstSeq} following {@code previousHash};
     * {@code lookahead} tells a missing link (removed) from one further on (reordered).
     */
    public static Result walk(Iterator<ChainLink> links, long firstSeq, String previousHash, Lookahead lookahead) {
        long expected = firstSeq;
        String previous = previousHash;
        long checked = 0;
        ChainLink head = null;
        while (links.hasNext()) {
            ChainLink link = links.next();
            if (link.chainSeq() > expected) {
                if (lookahead.appearsAfter(expected, checked)) {
                    return Result.broken(
                            checked,
                            head,
                            expected,
                            "REORDERED",
                            "chain sequence " + link.chainSeq() + " comes before " + expected);
                }
                return Result.broken(checked, head, expected, "REMOVED", "chain sequence " + expected + " is missing");
            }
            if (link.chainSeq() < expected) {
                boolean repeated = head != null && link.chainSeq() == head.chainSeq();
                return Result.broken(
                        checked,
                        head,
                        link.chainSeq(),
                        repeated ? "INSERTED" : "REORDERED",
                        repeated
                                ? "chain sequence " + link.chainSeq() + " appears twice"
                                : "chain sequence " + link.chainSeq() + " comes after " + (expected - 1));
            }
            if (link.eventMissing()) {
                return Result.broken(
                        checked,
                        head,
                        link.chainSeq(),
                        "REMOVED",
                        "the stored event of chain sequence " + link.chainSeq() + " (event " + link.eventId()
                                + ") is gone from the store");
            }
            if (!link.prevHash().equals(previous) || !link.recompute(previous).equals(link.hash())) {
                return Result.broken(
                        checked,
                        head,
                        link.chainSeq(),
                        "MODIFIED",
                        "the content of chain sequence " + link.chainSeq() + " (event " + link.eventId()
                                + ") no longer matches its hash");
            }
            previous = link.hash();
            head = link;
            expected++;
            checked++;
        }
        return Result.ok(checked, head);
    }
}
