package io.orderinsight.command.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rules' memory in PostgreSQL ({@code risk_fact}), for one batch of the detector: each record is read at most
 * once, and the changed ones are written together before the batch commits, in the transaction that also stores the
 * detector's token and the alerts it raised. A crash therefore loses or repeats nothing.
 */
class JdbcFactStore implements FactStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Map<String, Object> read = new HashMap<>();
    private final Map<String, String> fetched = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final ParsedFacts parsed;
    private final Map<String, String> written = new HashMap<>();

    JdbcFactStore(JdbcTemplate jdbc, ObjectMapper json) {
        this(jdbc, json, new ParsedFacts());
    }

    JdbcFactStore(JdbcTemplate jdbc, ObjectMapper json, ParsedFacts parsed) {
        this.jdbc = jdbc;
        this.json = json;
        this.parsed = parsed;
    }

    @Override
    public <T> T find(String key, Class<T> type) {
        if (read.containsKey(key)) {
            return type.cast(read.get(key));
        }
        String body;
        if (fetched.containsKey(key)) {
            body = fetched.remove(key);
        } else {
            List<String> bodies = jdbc.queryForList("select body from risk_fact where fact_key = ?", String.class, key);
            body = bodies.isEmpty() ? null : bodies.get(0);
        }
        T found = body == null ? null : known(key, body, type);
        read.put(key, found);
        return found;
    }

    /** Reads the records under {@code keys} in one query, ahead of the events that need them. */
    void prefetch(Collection<String> keys) {
        List<String> wanted = new ArrayList<>();
        for (String key : keys) {
            if (!read.containsKey(key) && !fetched.containsKey(key)) {
                wanted.add(key);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        wanted.forEach(key -> fetched.put(key, null));
        jdbc.query(
                connection -> {
                    var statement =
                            connection.prepareStatement("select fact_key, body from risk_fact where fact_key = any(?)");
                    statement.setArray(1, connection.createArrayOf("varchar", wanted.toArray()));
                    return statement;
                },
                row -> {
                    fetched.put(row.getString(1), row.getString(2));
                });
    }

    @Override
    public void put(String key, Object facts) {
        read.put(key, facts);
        changed.add(key);
    }

    /** Writes every changed record. */
    void flush() {
        if (changed.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (String key : changed) {
            try {
                String body = json.writeValueAsString(read.get(key));
                rows.add(new Object[] {key, body});
                written.put(key, body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot store risk facts " + key, e);
            }
        }
        jdbc.batchUpdate(
                "insert into risk_fact (fact_key, body) values (?, ?)"
                        + " on conflict (fact_key) do update set body = excluded.body",
                rows);
        changed.clear();
    }

    /** Once the batch committed: its written records, parsed, for the next batches of this node. */
    void committed() {
        written.forEach((key, body) -> parsed.committed(key, body, read.get(key)));
        written.clear();
    }

    /** The record stored as {@code body}: as this node last committed it, or parsed. */
    private <T> T known(String key, String body, Class<T> type) {
        Object committed = parsed.take(key, body);
        return type.isInstance(committed) ? type.cast(committed) : parse(body, type);
    }

    private <T> T parse(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable risk facts " + body, e);
        }
    }
}
