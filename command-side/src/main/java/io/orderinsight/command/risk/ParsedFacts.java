package io.orderinsight.command.risk;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules' memory as last committed by this node, parsed, beside the exact text it was stored as: a batch that reads
 * the same text back from {@code risk_fact} takes the parsed record instead of parsing it again (profiled: half of the
 * detector's time under load went to parsing). Nothing here is trusted beyond that equality — another node's write
 * reads back as other text — and a record is taken out while a batch uses it, and put back only with what that batch
 * committed, so a batch rolled back leaves nothing it may have changed.
 */
final class ParsedFacts {

    /** Records kept at most; beyond, the cache starts again empty. */
    static final int MOST = 50_000;

    record Parsed(String body, Object facts) {}

    private final ConcurrentHashMap<String, Parsed> records = new ConcurrentHashMap<>();

    /** The parsed record of {@code key} if it was stored as {@code body}; it leaves the cache either way. */
    Object take(String key, String body) {
        Parsed parsed = records.remove(key);
        return parsed != null && parsed.body().equals(body) ? parsed.facts() : null;
    }

    /** What a batch committed: {@code facts} stored as {@code body}. */
    void committed(String key, String body, Object facts) {
        if (records.size() >= MOST) {
            records.clear();
        }
        records.put(key, new Parsed(body, facts));
    }

    int size() {
        return records.size();
    }
}
