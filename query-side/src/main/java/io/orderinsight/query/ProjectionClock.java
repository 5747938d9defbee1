package io.orderinsight.query;

import java.util.Collection;

/** Tells how far projections have come through the event stream. */
public interface ProjectionClock {

    /** The freshness of an answer built from these projections (the least advanced of them counts). */
    Freshness freshnessOf(Collection<String> projections);
}
