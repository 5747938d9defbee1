package io.orderinsight.command.risk;

import java.util.HashMap;
import java.util.Map;

/** The rules' memory in a map: for backtests and tests, which start from nothing and keep nothing. */
public class MemoryFactStore implements FactStore {

    private final Map<String, Object> facts = new HashMap<>();

    @Override
    public <T> T find(String key, Class<T> type) {
        return type.cast(facts.get(key));
    }

    @Override
    public void put(String key, Object value) {
        facts.put(key, value);
    }
}
