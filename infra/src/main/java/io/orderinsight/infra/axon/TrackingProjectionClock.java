package io.orderinsight.infra.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderinsight.projections.support.LiveGenerations;
import io.orderinsight.query.Freshness;
import io.orderinsight.query.ProjectionClock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Freshness from the projections' tracking tokens in the shared token store (the lowest position any of their segments
 * has reached, whichever node processes it), the event store's record times, and the events they set aside.
 */
public class TrackingProjectionClock implements ProjectionClock {

    /** Where axon-mongo's token store keeps one document per processor and segment. */
    static final String TOKENS = "trackingtokens";

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final JdbcTemplate jdbc;
    private final LiveGenerations generations;
    private final Quarantine quarantine;

    public TrackingProjectionClock(
            MongoDatabase tokenDatabase,
            Serializer serializer,
            JdbcTemplate jdbc,
            LiveGenerations generations,
            Quarantine quarantine) {
        this.tokens = tokenDatabase.getCollection(TOKENS);
        this.serializer = serializer;
        this.jdbc = jdbc;
        this.generations = generations;
        this.quarantine = quarantine;
    }

    @Override
    public Freshness freshnessOf(Collection<String> projections) {
        long position = projections.stream()
                .mapToLong(projection -> positionOf(generations.live(projection).processorName()))
                .min()
                .orElse(-1);
        Instant newest = recordedAt("SELECT timestamp FROM domainevententry ORDER BY globalindex DESC LIMIT 1");
        Instant reached = position < 0
                ? null
                : recordedAt(
                        "SELECT timestamp FROM domainevententry WHERE globalindex <= ? "
                                + "ORDER BY globalindex DESC LIMIT 1",
                        position);
        // nothing reached yet: behind by as long as the events waiting for it span, from the first of them
        Instant from = reached != null
                ? reached
                : recordedAt(
                        "SELECT timestamp FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT 1",
                        position);
        long lag = newest == null || from == null ? 0 : newest.toEpochMilli() - from.toEpochMilli();
        return new Freshness(Math.max(position, 0), reached, Math.max(lag, 0), quarantine.count(projections));
    }

    /** The head of the event store: the highest global index stored, -1 when it is empty. */
    @Override
    public long head() {
        Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return head == null ? -1 : head;
    }

    /** How many segments the processor has in the token store. */
    public int segmentsOf(String processorName) {
        return segmentIdsOf(processorName).size();
    }

    /** The ids of the processor's segments in the shared token store, in order. */
    public java.util.List<Integer> segmentIdsOf(String processorName) {
        java.util.List<Integer> segments = new java.util.ArrayList<>();
        for (Document entry : tokens.find(Filters.eq("processorName", processorName))) {
            int segment = entry.getInteger("segment", -1);
            if (segment >= 0) {
                segments.add(segment);
            }
        }
        segments.sort(null);
        return segments;
    }

    /** The processor's tokens: dropped with a retired generation. */
    public void deleteTokens(String processorName) {
        tokens.deleteMany(Filters.eq("processorName", processorName));
    }

    /**
     * The lowest position of the processor's segments; -1 before every segment has processed an event.
     */
    public long positionOf(String projection) {
        long lowest = Long.MAX_VALUE;
        for (Document entry : tokens.find(Filters.eq("processorName", projection))) {
            if (entry.getInteger("segment", -1) < 0) {
                continue; // the processor's configuration entry, not a segment
            }
            Binary token = entry.get("token", Binary.class);
            if (token == null) {
                return -1;
            }
            TrackingToken position = serializer.deserialize(
                    new SimpleSerializedObject<>(token.getData(), byte[].class, entry.getString("tokenType"), null));
            lowest =
                    Math.min(lowest, position == null ? -1 : position.position().orElse(-1));
        }
        return lowest == Long.MAX_VALUE ? -1 : lowest;
    }

    private Instant recordedAt(String sql, Object... args) {
        List<String> rows = jdbc.queryForList(sql, String.class, args);
        return rows.isEmpty() ? null : Instant.parse(rows.get(0));
    }
}
