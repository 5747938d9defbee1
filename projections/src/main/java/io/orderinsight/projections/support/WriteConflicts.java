package io.orderinsight.projections.support;

import java.util.concurrent.atomic.LongAdder;

/**
 * How often a projection's batches met documents another writer had changed since they read them: counter writes
 * worked out again and retried (other segments write the same counters), and batches refused and delivered again
 * (a document written by another writer: after a segment was taken over mid-batch, or the entries the risk views keep
 * per order, which the alerts of one order may write from two segments).
 */
public final class WriteConflicts {

    private final LongAdder retried = new LongAdder();
    private final LongAdder refused = new LongAdder();

    void retried(int documents) {
        retried.add(documents);
    }

    void refusedOne() {
        refused.increment();
    }

    void add(WriteConflicts other) {
        retried.add(other.retried());
        refused.add(other.refused());
    }

    /** Counter document writes retried after another writer changed the document. */
    public long retried() {
        return retried.sum();
    }

    /** Batches refused because another writer changed one of their documents. */
    public long refused() {
        return refused.sum();
    }
}
