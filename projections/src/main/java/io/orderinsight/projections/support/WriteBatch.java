package io.orderinsight.projections.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The writes of one batch of events, held in memory and written when the batch ends: each document read at most once
 * and written at most once per batch, with one {@code bulkWrite} per collection. Two kinds of writes:
 *
 * <ul>
 *   <li><b>documents</b> ({@link #find}, {@link #put}): read-modify-write of whole documents, written back by
 *       replacing them; each carries its own version, so a write is the complete, consistent result of every event
 *       applied to it so far;
 *   <li><b>counters</b> ({@link #count}): increments to documents shared by many orders, each tagged with the
 *       {@link StreamPosition} of its event. When the batch is written, every counter document's recorded position is
 *       read and only the increments of events after it are applied, moving it to the last of them, in one update.
 * </ul>
 *
 * A dead letter retried after the counters went on past it is written <b>late</b> ({@link #late()}): its index is
 * below their recorded positions, so the position cannot tell whether it was applied. A late event is applied to a
 * counter document unless the document lists its index among those applied late ({@link #LATE}), and is added there.
 * An event is set aside before any of its changes reach a batch (a projection's handler works out all of an event's
 * changes before it hands them over), so a late one has never been applied to any document.
 *
 * <p>Counters are written before documents, so a crash between the two is repaired by the redelivery of the batch:
 * documents are rebuilt from the same events, counters skip what they already hold. Both rely on one writer per
 * document, which Axon's segment claims and sequencing by order id provide; documents are read and written by id,
 * the only lookup mongo-java-server serves from an index.
 */
public final class WriteBatch {

    /**
     * Fields of a counter document: the highest global index applied to it and the stream's gaps below it at that
     * moment ({@link StreamPosition}).
     */
    public static final String POSITION = "position";

    public static final String GAPS = "gaps";

    /** Field of a counter document: the indexes of dead letters applied to it late. */
    public static final String LATE = "late";

    private static final ReplaceOptions REPLACE_UPSERT = new ReplaceOptions().upsert(true);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final Map<Key, Cached> documents = new LinkedHashMap<>();
    private final Map<Key, List<CounterChange>> counters = new LinkedHashMap<>();
    private final boolean late;

    public WriteBatch() {
        this(false);
    }

    private WriteBatch(boolean late) {
        this.late = late;
    }

    /** A batch of one dead letter retried after the counters went on past it. */
    public static WriteBatch late() {
        return new WriteBatch(true);
    }

    /** The document as this batch sees it (its own changes included), or null if there is none. */
    public Document find(MongoCollection<Document> collection, String id) {
        Cached cached = documents.computeIfAbsent(new Key(collection, id), key -> {
            Document stored =
                    collection.find(Filters.eq(VersionedDocuments.ID, id)).first();
            return new Cached(stored, false);
        });
        return cached.document;
    }

    /**
     * Reads the documents {@code ids} of {@code collection} that this batch has not read yet, in one query: those
     * missing are remembered as missing, so that {@link #find} asks nothing more about any of them.
     */
    public void prefetch(MongoCollection<Document> collection, java.util.Collection<String> ids) {
        List<String> unread = ids.stream()
                .filter(id -> !documents.containsKey(new Key(collection, id)))
                .toList();
        if (unread.isEmpty()) {
            return;
        }
        Map<String, Document> found = new java.util.HashMap<>();
        collection
                .find(Filters.in(VersionedDocuments.ID, unread))
                .forEach(document -> found.put(document.getString(VersionedDocuments.ID), document));
        unread.forEach(id -> documents.put(new Key(collection, id), new Cached(found.get(id), false)));
    }

    /** Replaces the document for the rest of the batch; written when the batch ends. */
    public void put(MongoCollection<Document> collection, String id, Document document) {
        document.put(VersionedDocuments.ID, id);
        documents.put(new Key(collection, id), new Cached(document, true));
    }

    /** The changes of the event at {@code position} to one counter document. */
    public void count(
            MongoCollection<Document> collection,
            String id,
            StreamPosition position,
            Map<String, Long> increments,
            Map<String, Set<Object>> additions,
            Document onInsert) {
        counters.computeIfAbsent(new Key(collection, id), key -> new ArrayList<>())
                .add(new CounterChange(position, increments, additions, onInsert));
    }

    /** Writes the batch: counters first, then documents. */
    public void flush() {
        flushCounters();
        Map<MongoCollection<Document>, List<WriteModel<Document>>> replacements = new LinkedHashMap<>();
        documents.forEach((key, cached) -> {
            if (cached.dirty) {
                replacements
                        .computeIfAbsent(key.collection(), collection -> new ArrayList<>())
                        .add(new ReplaceOneModel<>(
                                Filters.eq(VersionedDocuments.ID, key.id()), cached.document, REPLACE_UPSERT));
            }
        });
        replacements.forEach((collection, writes) -> collection.bulkWrite(writes, UNORDERED));
        documents.clear();
    }

    private void flushCounters() {
        if (late) {
            flushLateCounters();
            return;
        }
        Map<MongoCollection<Document>, List<String>> ids = new LinkedHashMap<>();
        counters.keySet()
                .forEach(key -> ids.computeIfAbsent(key.collection(), collection -> new ArrayList<>())
                        .add(key.id()));
        Map<Key, StreamPosition> recorded = new LinkedHashMap<>();
        ids.forEach((collection, keys) -> collection
                .find(Filters.in(VersionedDocuments.ID, keys))
                .projection(Projections.include(POSITION, GAPS))
                .forEach(document -> recorded.put(
                        new Key(collection, document.getString(VersionedDocuments.ID)),
                        new StreamPosition(document.get(POSITION, Number.class).longValue(), gapsOf(document)))));
        Map<MongoCollection<Document>, List<WriteModel<Document>>> updates = new LinkedHashMap<>();
        counters.forEach((key, changes) -> {
            StreamPosition last = recorded.get(key);
            Map<String, Long> increments = new LinkedHashMap<>();
            Map<String, Set<Object>> additions = new LinkedHashMap<>();
            Document onInsert = new Document();
            StreamPosition reached = null;
            for (CounterChange change : changes) {
                if (change.position().appliedIn(last)) {
                    continue;
                }
                change.increments().forEach((field, amount) -> increments.merge(field, amount, Long::sum));
                change.additions()
                        .forEach((field, values) -> additions
                                .computeIfAbsent(field, f -> new LinkedHashSet<>())
                                .addAll(values));
                onInsert.putAll(change.onInsert());
                reached = change.position().after(last);
                last = reached;
            }
            if (reached == null) {
                return;
            }
            List<Bson> update = new ArrayList<>();
            increments.forEach((field, amount) -> update.add(Updates.inc(field, amount)));
            additions.forEach((field, values) -> update.add(Updates.addEachToSet(field, new ArrayList<>(values))));
            if (!onInsert.isEmpty()) {
                update.add(Updates.setOnInsert(onInsert));
            }
            update.add(Updates.set(POSITION, reached.index()));
            update.add(Updates.set(GAPS, reached.gapList()));
            updates.computeIfAbsent(key.collection(), collection -> new ArrayList<>())
                    .add(new UpdateOneModel<>(
                            Filters.eq(VersionedDocuments.ID, key.id()), Updates.combine(update), UPSERT));
        });
        updates.forEach((collection, writes) -> collection.bulkWrite(writes, UNORDERED));
        counters.clear();
    }

    private void flushLateCounters() {
        Map<MongoCollection<Document>, List<WriteModel<Document>>> updates = new LinkedHashMap<>();
        counters.forEach((key, changes) -> {
            Document stored = key.collection()
                    .find(Filters.eq(VersionedDocuments.ID, key.id()))
                    .projection(Projections.include(LATE))
                    .first();
            java.util.SortedSet<Long> applied = stored == null ? new java.util.TreeSet<>() : indexesOf(stored, LATE);
            for (CounterChange change : changes) {
                long index = change.position().index();
                if (applied.contains(index)) {
                    continue;
                }
                applied.add(index);
                List<Bson> update = new ArrayList<>();
                change.increments().forEach((field, amount) -> update.add(Updates.inc(field, amount)));
                change.additions()
                        .forEach((field, values) -> update.add(Updates.addEachToSet(field, new ArrayList<>(values))));
                // a document this event creates has seen nothing of the stream yet
                Document onInsert =
                        new Document(change.onInsert()).append(POSITION, -1L).append(GAPS, List.of());
                update.add(Updates.setOnInsert(onInsert));
                update.add(Updates.addToSet(LATE, index));
                updates.computeIfAbsent(key.collection(), collection -> new ArrayList<>())
                        .add(new UpdateOneModel<>(
                                Filters.eq(VersionedDocuments.ID, key.id()), Updates.combine(update), UPSERT));
            }
        });
        // in event order: a document's late list grows with each
        updates.forEach((collection, writes) -> collection.bulkWrite(writes));
        counters.clear();
    }

    /** The recorded gaps: a list of indexes (a count in documents from before, read as none). */
    private static java.util.SortedSet<Long> gapsOf(Document document) {
        return indexesOf(document, GAPS);
    }

    private static java.util.SortedSet<Long> indexesOf(Document document, String field) {
        java.util.SortedSet<Long> indexes = new java.util.TreeSet<>();
        if (document.get(field) instanceof List<?> values) {
            values.forEach(value -> indexes.add(((Number) value).longValue()));
        }
        return indexes;
    }

    private record Key(MongoCollection<Document> collection, String id) {}

    private record Cached(Document document, boolean dirty) {}

    private record CounterChange(
            StreamPosition position,
            Map<String, Long> increments,
            Map<String, Set<Object>> additions,
            Document onInsert) {}
}
