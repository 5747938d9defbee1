package io.orderinsight.command.support;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's aggregate cache, holding only committed state. A command may commit its events in a transaction that outlives
 * its unit of work (an idempotency key commits with the events), so Axon's lock on the aggregate is gone before the
 * events are visible to others. Two rules keep every cached state committed:
 * <ul>
 * <li>a load takes the aggregate out of the cache, so nobody else can build on it while it is in use;</li>
 * <li>a save puts it back only once the surrounding transaction has committed.</li>
 * </ul>
 * A state the cache does not hold is read from the event store; a stale one (another node wrote meanwhile) fails on
 * the unique (aggregate, sequence) index, is evicted by Axon, and the command runs again.
 */
public class CommittedStateCache implements Cache {

    private final Cache committed = new WeakReferenceCache();

    @Override
    public <K, V> V get(K key) {
        V value = committed.get(key);
        if (value != null) {
            committed.remove(key);
        }
        return value;
    }

    @Override
    public void put(Object key, Object value) {
        afterCommit(() -> committed.put(key, value));
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (committed.containsKey(key)) {
            return false;
        }
        afterCommit(() -> committed.putIfAbsent(key, value));
        return true;
    }

    @Override
    public boolean remove(Object key) {
        return committed.remove(key);
    }

    @Override
    public void removeAll() {
        committed.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return committed.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return committed.registerCacheEntryListener(listener);
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
