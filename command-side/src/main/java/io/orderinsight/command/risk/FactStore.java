package io.orderinsight.command.risk;

import java.util.function.Supplier;

/** Where the rules' memory lives: PostgreSQL for live detection, a map for a backtest. */
public interface FactStore {

    /** The record stored under {@code key}, or null. */
    <T> T find(String key, Class<T> type);

    /** The record stored under {@code key}, created (and stored) by {@code create} when there is none. */
    default <T> T get(String key, Class<T> type, Supplier<T> create) {
        T found = find(key, type);
        if (found == null) {
            found = create.get();
            put(key, found);
        }
        return found;
    }

    /** Stores {@code facts} under {@code key}; a changed record must be put again to be kept. */
    void put(String key, Object facts);
}
