package io.orderinsight.query;

import java.util.Collection;

/** Tells how far projections have come through the event stream. */
public interface ProjectionClock {

    /** The freshness of an answer built from these projections (the least advanced of them counts). */
    Freshness freshnessOf(Collection<String> projections);

    /** The highest global position in the event store now; -1 when it is empty or not known here. */
    default long head() {
        return -1;
    }
}
