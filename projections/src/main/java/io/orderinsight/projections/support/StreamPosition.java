package io.orderinsight.projections.support;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * Where a processor stands in the event stream right after an event: the highest global index it has seen, and how
 * many lower indexes it has not seen yet (the gaps of a {@link GapAwareTrackingToken}: transactions that were still
 * open when later ones committed). Along one stream every event moves the position on, either to a higher index or,
 * when it fills a gap, to the same index with one gap fewer; so positions are totally ordered by (index, fewer gaps
 * later), and a position at or after an event's own covers that event.
 */
public record StreamPosition(long index, int gaps) {

    public static StreamPosition of(TrackingToken token) {
        if (token == null) {
            throw new IllegalArgumentException("a counter projection needs a streaming event processor");
        }
        TrackingToken current = WrappedToken.unwrapUpperBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return new StreamPosition(gapAware.getIndex(), gapAware.getGaps().size());
        }
        return new StreamPosition(
                current.position()
                        .orElseThrow(() -> new IllegalArgumentException("a token without a position: " + current)),
                0);
    }

    /** Whether this position comes after {@code other} along one stream. */
    public boolean isAfter(StreamPosition other) {
        return index > other.index || (index == other.index && gaps < other.gaps);
    }
}
