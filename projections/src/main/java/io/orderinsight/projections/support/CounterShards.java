package io.orderinsight.projections.support;

import java.util.Objects;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * The fixed partition of the counters' events that lets several segments write the same counter documents: an event's
 * shard is the low bits of its sequence identifier's hash, the bits a processor's segments are cut by. A segment takes
 * the events whose hash, masked by its mask, is its id; with at most {@link #COUNT} segments each mask keeps no more
 * bits than a shard has, so every shard lies in exactly one segment however they are split or merged, and a shard's
 * events reach its counters in stream order. Counter documents keep one position per shard ({@link WriteBatch}).
 */
public final class CounterShards {

    /** Shards, and so the most segments a counter processor may have. A power of two. */
    public static final int COUNT = 16;

    private static final SequencingPolicy<EventMessage<?>> ORDERS = new OrderIdSequencingPolicy();

    /** The shard of an event of a processor sequenced by order ({@link OrderIdSequencingPolicy}). */
    public static int of(EventMessage<?> event) {
        return Objects.hashCode(ORDERS.getSequenceIdentifierFor(event)) & (COUNT - 1);
    }

    /** Refuses more segments than shards: a shard would then be split between segments. */
    public static void requireAtMost(String processor, int segments) {
        if (segments < 1 || segments > COUNT) {
            throw new IllegalArgumentException(
                    processor + " keeps counters shared by all its segments: it may run 1 to " + COUNT
                            + " segments, not " + segments);
        }
    }

    private CounterShards() {}
}
