package io.orderinsight.projections.support;

import com.mongodb.client.MongoCollection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

/**
 * One event's changes to counter documents shared by many orders (sales buckets, seller months, customer profiles):
 * increments, additions to sets, earliest and latest values, and the fields a document gets when the event creates
 * it. Handed to the batch with
 * the event's {@link StreamPosition}, they are applied exactly once per document ({@link WriteBatch}).
 */
public final class CounterChanges {

    private final Map<Target, Change> changes = new LinkedHashMap<>();

    /** Fields the document gets when the event creates it (the dimensions of a bucket, say). */
    public CounterChanges identify(MongoCollection<Document> collection, String id, Document fields) {
        of(collection, id).onInsert.putAll(fields);
        return this;
    }

    /** Adds {@code amount} to {@code field} (summed with the event's other amounts for it; zero is left out). */
    public CounterChanges increment(MongoCollection<Document> collection, String id, String field, long amount) {
        if (amount != 0) {
            of(collection, id).increments.merge(field, amount, Long::sum);
        }
        return this;
    }

    /** Adds {@code value} to the set in {@code field}. */
    public CounterChanges addToSet(MongoCollection<Document> collection, String id, String field, Object value) {
        of(collection, id)
                .additions
                .computeIfAbsent(field, f -> new LinkedHashSet<>())
                .add(value);
        return this;
    }

    /**
     * Keeps in {@code field} the earliest of the values it was given ({@code $min}; giving one again changes nothing).
     */
    public CounterChanges earliest(MongoCollection<Document> collection, String id, String field, Object value) {
        of(collection, id).earliest.merge(field, value, CounterChanges::lower);
        return this;
    }

    /** Keeps in {@code field} the latest of the values it was given ({@code $max}). */
    public CounterChanges latest(MongoCollection<Document> collection, String id, String field, Object value) {
        of(collection, id).latest.merge(field, value, CounterChanges::higher);
        return this;
    }

    /** The lower of two values of one kind (dates, numbers, text). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object lower(Object a, Object b) {
        return ((Comparable) a).compareTo(b) <= 0 ? a : b;
    }

    /** The higher of two values of one kind. */
    static Object higher(Object a, Object b) {
        return lower(a, b) == a ? b : a;
    }

    /** Hands the changes, made by {@code event} at {@code position}, to the batch, under the event's shard. */
    public void into(WriteBatch batch, EventMessage<?> event, StreamPosition position) {
        int shard = CounterShards.of(event);
        changes.forEach((target, change) -> batch.count(
                target.collection(),
                target.id(),
                shard,
                position,
                change.increments,
                change.additions,
                change.earliest,
                change.latest,
                change.onInsert));
        changes.clear();
    }

    private Change of(MongoCollection<Document> collection, String id) {
        return changes.computeIfAbsent(new Target(collection, id), target -> new Change());
    }

    private record Target(MongoCollection<Document> collection, String id) {}

    private static final class Change {
        private final Map<String, Long> increments = new LinkedHashMap<>();
        private final Map<String, Set<Object>> additions = new LinkedHashMap<>();
        private final Map<String, Object> earliest = new LinkedHashMap<>();
        private final Map<String, Object> latest = new LinkedHashMap<>();
        private final Document onInsert = new Document();
    }
}
