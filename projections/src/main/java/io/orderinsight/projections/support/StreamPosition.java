package io.orderinsight.projections.support;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * Where an event stands in the stream, as a counter document needs it to apply each event exactly once: the event's
 * own global {@code index}, and the {@code gaps} of the stream right after it (the lower indexes not seen yet: their
 * transactions were still open when later ones committed). A document remembers the highest index it applied and the
 * gaps of that moment; an event was applied to it when its index is at or below that one and not among those gaps.
 * This holds whichever order a later reading of the stream brings the events in — a replay after a crash may see
 * a transaction that was a gap before — because it is judged by the event's own index, which never changes.
 *
 * <p>A token names only the highest index seen; the event's own index is lower when it filled a gap. The stream
 * knows it (the gap that closed), so the projections' event source adds it to the metadata of each message that filled
 * a gap under {@link #GLOBAL_INDEX}; without it, the token's index is taken, which is every other event's own.
 */
public record StreamPosition(long index, SortedSet<Long> gaps) {

    /** The metadata key of an event's own global index. */
    public static final String GLOBAL_INDEX = "globalIndex";

    public StreamPosition {
        gaps = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(gaps));
    }

    /**
     * @param ownIndex the event's own index from its metadata: a number of whichever width it was read back as (a dead
     *     letter's metadata comes back from its JSON with small numbers as ints)
     */
    public static StreamPosition of(TrackingToken token, Number ownIndex) {
        if (token == null) {
            throw new IllegalArgumentException("a counter projection needs a streaming event processor");
        }
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            long index = ownIndex != null ? ownIndex.longValue() : gapAware.getIndex();
            return new StreamPosition(index, gapAware.getGaps().headSet(index));
        }
        long position = current.position()
                .orElseThrow(() -> new IllegalArgumentException("a token without a position: " + current));
        return new StreamPosition(ownIndex != null ? ownIndex.longValue() : position, new TreeSet<>());
    }

    /**
     * The own index of the event whose token is {@code current}, when the stream's previous token was {@code
     * previous}: the new highest index, or the gap it closed.
     */
    public static long ownIndex(TrackingToken previous, TrackingToken current) {
        TrackingToken now = WrappedToken.unwrapLowerBound(current);
        if (!(now instanceof GapAwareTrackingToken after)) {
            return now.position().orElse(-1);
        }
        TrackingToken then = previous == null ? null : WrappedToken.unwrapLowerBound(previous);
        if (!(then instanceof GapAwareTrackingToken before) || after.getIndex() > before.getIndex()) {
            return after.getIndex();
        }
        SortedSet<Long> closed = new TreeSet<>(before.getGaps());
        closed.removeAll(after.getGaps());
        return closed.isEmpty() ? after.getIndex() : closed.last();
    }

    /**
     * The message with its own index in its metadata, worked out from the stream's previous token, if it differs from
     * its token's (it filled a gap); else the message as it is. Adding metadata decodes the message's stored metadata
     * where this runs, on the processor's coordinator thread; left as it is, it is decoded later on a worker.
     */
    public static TrackedEventMessage<?> withOwnIndex(TrackingToken previous, TrackedEventMessage<?> message) {
        long own = ownIndex(previous, message.trackingToken());
        if (own == indexOf(message.trackingToken())) {
            return message;
        }
        return (TrackedEventMessage<?>) message.andMetaData(Map.of(GLOBAL_INDEX, own));
    }

    /** The index a token names, as {@link #of} takes it when an event carries no own index. */
    private static long indexOf(TrackingToken token) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex();
        }
        return current.position().orElse(-1);
    }

    /** Whether a document that applied up to {@code recorded} has this event already. */
    public boolean appliedIn(StreamPosition recorded) {
        return recorded != null && index <= recorded.index && !recorded.gaps.contains(index);
    }

    /** What a document that applied up to {@code recorded} has applied once it applied this event too. */
    public StreamPosition after(StreamPosition recorded) {
        if (recorded == null || index > recorded.index) {
            return this;
        }
        SortedSet<Long> remaining = new TreeSet<>(recorded.gaps);
        remaining.remove(index);
        return new StreamPosition(recorded.index, remaining);
    }

    /** The gaps as stored. */
    public List<Long> gapList() {
        return List.copyOf(gaps);
    }
}
