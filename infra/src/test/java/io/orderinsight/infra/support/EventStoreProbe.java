package io.orderinsight.infra.support;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the event store's table directly, to check what a request did or did not store. */
public final class EventStoreProbe {

    private final JdbcTemplate jdbc;

    public EventStoreProbe(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Events of orders, payments and refunds: what upstream commands store. The fraud rules add alerts and
     * restrictions of their own accord, at any moment.
     */
    public long commandEventCount() {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE type IN ('Order', 'Payment', 'Refund')", Long.class);
        return count == null ? 0 : count;
    }

    /** The simple payload type names of one aggregate's events, in sequence order. */
    public List<String> eventTypesOf(String aggregateId) {
        return jdbc
                .queryForList(
                        "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                                + "ORDER BY sequencenumber",
                        String.class,
                        aggregateId)
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    public String payloadOf(String aggregateId, long sequence) {
        return jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND sequencenumber = ?",
                String.class,
                aggregateId,
                sequence);
    }

    public String metadataOf(String aggregateId, long sequence) {
        return jdbc.queryForObject(
                "SELECT convert_from(metadata, 'UTF8') FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND sequencenumber = ?",
                String.class,
                aggregateId,
                sequence);
    }
}
