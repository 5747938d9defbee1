package io.orderinsight.projections.support;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The writes of one batch of events, held in memory and written when the batch ends: each document read at most once
 * and written at most once per batch, with one {@code bulkWrite} per collection, the collections' reads and writes
 * each sent at the same time ({@link AtOnce}). Two kinds of writes:
 *
 * <ul>
 *   <li><b>documents</b> ({@link #find}, {@link #put}): read-modify-write of whole documents that each belong to one
 *       sequence of events (an order, say), written back by replacing them;
 *   <li><b>counters</b> ({@link #count}): increments to documents shared by many orders, each tagged with the
 *       {@linkplain CounterShards shard} and the {@link StreamPosition} of its event. A counter document records, per
 *       shard, the position of the last event of that shard applied to it; when the batch is written, only the
 *       increments of events after their shard's recorded position are applied, moving it on, in one update.
 * </ul>
 *
 * <p>Every write is conditional, and a write whose condition no longer holds fails (its upsert meets the existing
 * {@code _id}) instead of overwriting. A document write names the {@link #REVISION} the batch read, which each write
 * increments; one that fails fails the batch, which is then delivered again: only a writer that lost its segment
 * mid-batch (another node took it over) meets one. A counter write names, for each shard whose position it moves on,
 * that shard's position and gaps as the batch read them: the segments writing the same counter document on their own
 * shards do not stand in each other's way, and a counter write that fails (another holder of the same shard wrote
 * since) is worked out again from the document as it now is and retried. The
 * conditions are served by the {@code _id} (the embedded server's own backend answers any query naming one {@code _id}
 * from its index; the unique index {@link #indexRevisions} serves the revision condition on mongo-java-server's stock
 * backend, which scans for any filter no index has exactly the fields of).
 *
 * <p>So each event is applied exactly once to each counter it touches with any number of writers: one shard's events
 * reach its documents in stream order from the one segment that holds it at a time; a redelivery (after a crash, a
 * merge or a handover) is at or below its shard's recorded position; and two writers of the same events (the old and
 * new holders of a segment) cannot both apply them, since only one of two writes from the same shard position
 * succeeds (every event applied moves its shard's index up or takes a gap out).
 *
 * <p>A dead letter retried after the counters went on past it is written <b>late</b>: its index is
 * below the recorded positions, so they cannot tell whether it was applied. A late event is applied to a counter
 * document unless the document lists its index among those applied late ({@link #LATE}), and is added there. An event
 * is set aside before any of its changes reach a batch (a projection's handler works out all of an event's changes
 * before it hands them over), so a late one has never been applied to any document.
 *
 * <p>Counters are written before documents, so a crash between the two is repaired by the redelivery of the batch:
 * documents are rebuilt from the same events, counters skip what they already hold. Documents are read and written by
 * id, the only lookup mongo-java-server serves from an index.
 */
public final class WriteBatch {

    /**
     * Fields of a counter document: per shard, the highest global index applied to it and the stream's gaps below it at
     * that moment ({@link StreamPosition}). Documents from the single-writer design hold one number and one list, for
     * every shard.
     */
    public static final String POSITION = "position";

    public static final String GAPS = "gaps";

    /** Field of a counter document: the indexes of dead letters applied to it late. */
    public static final String LATE = "late";

    /** Field of every document written through a batch: how many times it was written. */
    public static final String REVISION = "rev";

    /** How many times one batch works its counters out again when other writers changed them under it. */
    static final int ATTEMPTS = 100;

    private static final int DUPLICATE_KEY = 11000;
    private static final long ABSENT = 0;
    private static final long UNREVISED = -1;
    private static final long UNREAD = -2;

    private static final ReplaceOptions REPLACE_UPSERT = new ReplaceOptions().upsert(true);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final Map<Key, Cached> documents = new LinkedHashMap<>();
    private final Map<Key, List<CounterChange>> counters = new LinkedHashMap<>();
    private final boolean late;
    private final WriteConflicts conflicts;

    /** @param late a batch of one dead letter retried after the counters went on past it */
    WriteBatch(boolean late, WriteConflicts conflicts) {
        this.late = late;
        this.conflicts = conflicts;
    }

    /**
     * The unique index on {@code _id} and {@link #REVISION} that serves the batches' conditional writes: created by
     * each projection for each collection it writes through batches.
     */
    public static void indexRevisions(MongoCollection<Document> collection) {
        collection.createIndex(
                Indexes.ascending(VersionedDocuments.ID, REVISION),
                new IndexOptions().unique(true).name("_id_rev"));
    }

    /** The document as this batch sees it (its own changes included), or null if there is none. */
    public Document find(MongoCollection<Document> collection, String id) {
        Cached cached = documents.computeIfAbsent(new Key(collection, id), key -> {
            Document stored =
                    collection.find(Filters.eq(VersionedDocuments.ID, id)).first();
            return new Cached(stored, revisionOf(stored), false);
        });
        return cached.document;
    }

    /**
     * Reads the documents {@code ids} of {@code collection} that this batch has not read yet, in one query: those
     * missing are remembered as missing, so that {@link #find} asks nothing more about any of them.
     */
    public void prefetch(MongoCollection<Document> collection, Collection<String> ids) {
        List<String> unread = ids.stream()
                .filter(id -> !documents.containsKey(new Key(collection, id)))
                .toList();
        if (unread.isEmpty()) {
            return;
        }
        Map<String, Document> found = new HashMap<>();
        collection
                .find(Filters.in(VersionedDocuments.ID, unread))
                .forEach(document -> found.put(document.getString(VersionedDocuments.ID), document));
        unread.forEach(id -> {
            Document stored = found.get(id);
            documents.put(new Key(collection, id), new Cached(stored, revisionOf(stored), false));
        });
    }

    /**
     * Replaces the document for the rest of the batch; written when the batch ends, on condition that nobody else
     * wrote it since this batch read it (a document never read is written as it is, whatever it was).
     */
    public void put(MongoCollection<Document> collection, String id, Document document) {
        document.put(VersionedDocuments.ID, id);
        Key key = new Key(collection, id);
        Cached read = documents.get(key);
        documents.put(key, new Cached(document, read == null ? UNREAD : read.revision, true));
    }

    /** The changes of the event at {@code position}, of shard {@code shard}, to one counter document. */
    public void count(
            MongoCollection<Document> collection,
            String id,
            int shard,
            StreamPosition position,
            Map<String, Long> increments,
            Map<String, Set<Object>> additions,
            Map<String, Object> earliest,
            Map<String, Object> latest,
            Document onInsert) {
        if (shard < 0 || shard >= CounterShards.COUNT) {
            throw new IllegalArgumentException("no shard " + shard);
        }
        counters.computeIfAbsent(new Key(collection, id), key -> new ArrayList<>())
                .add(new CounterChange(shard, position, increments, additions, earliest, latest, onInsert));
    }

    /** Writes the batch: counters first, then documents. */
    public void flush() {
        flushCounters();
        flushDocuments();
    }

    private void flushDocuments() {
        Map<MongoCollection<Document>, List<Key>> keys = new LinkedHashMap<>();
        Map<MongoCollection<Document>, List<WriteModel<Document>>> replacements = new LinkedHashMap<>();
        documents.forEach((key, cached) -> {
            if (!cached.dirty) {
                return;
            }
            Document replacement = new Document(cached.document);
            Bson filter;
            if (cached.revision == UNREAD) {
                filter = Filters.eq(VersionedDocuments.ID, key.id());
            } else {
                filter = revisionFilter(key.id(), cached.revision);
                replacement.put(REVISION, Math.max(cached.revision, 0) + 1);
            }
            keys.computeIfAbsent(key.collection(), collection -> new ArrayList<>())
                    .add(key);
            replacements
                    .computeIfAbsent(key.collection(), collection -> new ArrayList<>())
                    .add(new ReplaceOneModel<>(filter, replacement, REPLACE_UPSERT));
        });
        documents.clear();
        Map<MongoCollection<Document>, List<Integer>> refused =
                AtOnce.each(replacements.keySet(), collection -> conflicts(collection, replacements.get(collection)));
        refused.forEach((collection, lost) -> {
            if (!lost.isEmpty()) {
                conflicts.refusedOne();
                throw new ConcurrentWriteException("documents of " + collection.getNamespace() + " were written by "
                        + "another writer since this batch read them ("
                        + lost.stream()
                                .map(i -> keys.get(collection).get(i).id())
                                .toList()
                        + "): the batch is delivered again");
            }
        });
    }

    private void flushCounters() {
        Map<Key, List<CounterChange>> pending = new LinkedHashMap<>(counters);
        counters.clear();
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > ATTEMPTS) {
                conflicts.refusedOne();
                throw new ConcurrentWriteException(pending.size()
                        + " counter documents kept changing under this batch ("
                        + pending.keySet().stream().limit(5).map(Key::id).toList() + "…)");
            }
            Map<Key, Recorded> recorded = recorded(pending);
            Map<MongoCollection<Document>, List<Key>> keys = new LinkedHashMap<>();
            Map<MongoCollection<Document>, List<WriteModel<Document>>> updates = new LinkedHashMap<>();
            pending.forEach((key, changes) -> {
                Recorded state = recorded.get(key);
                WriteModel<Document> update = late ? lateUpdate(key, changes, state) : update(key, changes, state);
                if (update != null) {
                    keys.computeIfAbsent(key.collection(), collection -> new ArrayList<>())
                            .add(key);
                    updates.computeIfAbsent(key.collection(), collection -> new ArrayList<>())
                            .add(update);
                }
            });
            Map<Key, List<CounterChange>> again = new LinkedHashMap<>();
            Map<MongoCollection<Document>, List<Integer>> refused =
                    AtOnce.each(updates.keySet(), collection -> conflicts(collection, updates.get(collection)));
            Map<Key, List<CounterChange>> current = pending;
            refused.forEach((collection, lost) -> lost.forEach(index -> {
                Key key = keys.get(collection).get(index);
                again.put(key, current.get(key));
            }));
            conflicts.retried(again.size());
            pending = again;
        }
    }

    /**
     * The update of one counter document by the changes its shards have not applied yet; null if none is left. It sets
     * the position of each shard it moves on, on condition that each is still where the batch read it: writers of other
     * shards (the other segments) do not stand in its way, and a second writer of the same shard (a segment's old and
     * new holder) meets the other's write. A document of the single writer of old is converted on condition of its
     * revision.
     */
    private static WriteModel<Document> update(Key key, List<CounterChange> changes, Recorded recorded) {
        Map<Integer, StreamPosition> read = recorded == null ? Map.of() : recorded.positions();
        Map<Integer, StreamPosition> moved = new TreeMap<>();
        Totals totals = new Totals();
        for (CounterChange change : changes) {
            StreamPosition last = moved.getOrDefault(change.shard(), read.get(change.shard()));
            if (change.position().appliedIn(last)) {
                continue;
            }
            totals.add(change);
            moved.put(change.shard(), change.position().after(last));
        }
        if (moved.isEmpty() || (recorded != null && recorded.holds(totals))) {
            return null;
        }
        Operators update = totals.updates();
        if (!totals.onInsert.isEmpty()) {
            update.setOnInsert(totals.onInsert);
        }
        if (recorded != null && recorded.single()) {
            Map<Integer, StreamPosition> positions = new TreeMap<>(read);
            positions.putAll(moved);
            Document indexes = new Document();
            Document gaps = new Document();
            positions.forEach((shard, position) -> {
                indexes.put(String.valueOf(shard), position.index());
                gaps.put(String.valueOf(shard), position.gapList());
            });
            update.put(SET, POSITION, indexes);
            update.put(SET, GAPS, gaps);
            return revised(key, recorded, update);
        }
        Document filter = new Document(VersionedDocuments.ID, key.id());
        moved.forEach((shard, position) -> {
            StreamPosition before = read.get(shard);
            filter.append(POSITION + "." + shard, before == null ? null : before.index());
            filter.append(GAPS + "." + shard, before == null ? null : before.gapList());
            update.put(SET, POSITION + "." + shard, position.index());
            update.put(SET, GAPS + "." + shard, position.gapList());
        });
        update.put(INC, REVISION, 1L);
        return new UpdateOneModel<>(filter, update.document(), UPSERT);
    }

    /** The update of one counter document by the late changes it does not list yet; null if none is left. */
    private static WriteModel<Document> lateUpdate(Key key, List<CounterChange> changes, Recorded recorded) {
        SortedSet<Long> applied = recorded == null ? new TreeSet<>() : new TreeSet<>(recorded.late());
        List<Long> now = new ArrayList<>();
        Totals totals = new Totals();
        for (CounterChange change : changes) {
            long index = change.position().index();
            if (applied.add(index)) {
                totals.add(change);
                now.add(index);
            }
        }
        if (now.isEmpty()) {
            return null;
        }
        Operators update = totals.updates();
        // a document this event creates has seen nothing of the stream yet: no shard has a position in it
        update.setOnInsert(
                new Document(totals.onInsert).append(POSITION, new Document()).append(GAPS, new Document()));
        update.addEachToSet(LATE, now);
        return revised(key, recorded, update);
    }

    /** The update on condition of the revision read, which it moves on. */
    private static WriteModel<Document> revised(Key key, Recorded recorded, Operators update) {
        long revision = recorded == null ? ABSENT : recorded.revision();
        update.put(revision == UNREVISED ? SET : INC, REVISION, 1L);
        return new UpdateOneModel<>(revisionFilter(key.id(), revision), update.document(), UPSERT);
    }

    /**
     * The document {@code id} at {@code revision}: a plain document of the two fields, which the unique index serves
     * (the driver's {@code Filters.and} would send an {@code $and}, which the embedded server scans for). A document
     * from before revisions has none (null matches a missing field); one that does not exist yet has revision 0, and
     * an upsert from there inserts it at revision 1.
     */
    private static Bson revisionFilter(String id, long revision) {
        return new Document(VersionedDocuments.ID, id).append(REVISION, revision == UNREVISED ? null : revision);
    }

    /**
     * Writes unordered; the positions of the writes that met a newer revision of their document. A write whose
     * condition no longer holds upserts, and the insert meets the existing {@code _id}: a duplicate key.
     */
    private static List<Integer> conflicts(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        try {
            collection.bulkWrite(writes, UNORDERED);
            return List.of();
        } catch (MongoBulkWriteException e) {
            List<Integer> lost = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                lost.add(error.getIndex());
            }
            return lost;
        }
    }

    /**
     * What the counter documents of {@code pending} hold of the stream, and of the bounds and sets their changes name:
     * one query per collection.
     */
    private Map<Key, Recorded> recorded(Map<Key, List<CounterChange>> pending) {
        Collection<Key> keys = pending.keySet();
        Map<MongoCollection<Document>, List<String>> ids = new LinkedHashMap<>();
        keys.forEach(key -> ids.computeIfAbsent(key.collection(), collection -> new ArrayList<>())
                .add(key.id()));
        Map<MongoCollection<Document>, Set<String>> fields = new LinkedHashMap<>();
        keys.forEach(key -> {
            Set<String> read = fields.computeIfAbsent(
                    key.collection(),
                    collection ->
                            new LinkedHashSet<>(late ? List.of(LATE, REVISION) : List.of(POSITION, GAPS, REVISION)));
            // only changes without increments can be found held already: only theirs are read
            if (!late
                    && pending.get(key).stream()
                            .allMatch(change -> change.increments().isEmpty())) {
                pending.get(key).forEach(change -> read.addAll(change.heldFields()));
            }
        });
        Map<Key, Recorded> recorded = new HashMap<>();
        AtOnce.each(
                        ids.keySet(),
                        collection -> collection
                                .find(Filters.in(VersionedDocuments.ID, ids.get(collection)))
                                .projection(Projections.include(new ArrayList<>(fields.get(collection))))
                                .into(new ArrayList<>()))
                .forEach((collection, documents) -> documents.forEach(document -> recorded.put(
                        new Key(collection, document.getString(VersionedDocuments.ID)), Recorded.of(document))));
        return recorded;
    }

    private static long revisionOf(Document stored) {
        if (stored == null) {
            return ABSENT;
        }
        Number revision = stored.get(REVISION, Number.class);
        return revision == null ? UNREVISED : revision.longValue();
    }

    private static SortedSet<Long> indexesOf(Object values) {
        SortedSet<Long> indexes = new TreeSet<>();
        if (values instanceof List<?> list) {
            list.forEach(value -> indexes.add(((Number) value).longValue()));
        }
        return indexes;
    }

    /** Thrown when another writer keeps changing the documents a batch writes; the batch is delivered again. */
    public static final class ConcurrentWriteException extends IllegalStateException {
        public ConcurrentWriteException(String message) {
            super(message);
        }
    }

    /**
     * A counter document as read: its revision, its shards' positions, the late events it applied, and the bounds and
     * sets the batch's changes name.
     */
    private record Recorded(
            long revision,
            Map<Integer, StreamPosition> positions,
            boolean single,
            SortedSet<Long> late,
            Document document) {

        /**
         * Whether the document already holds every change of {@code totals}: no increment, each set holding its values
         * and each bound at or beyond its value. Such changes, which could be applied any number of times, are not
         * written at all (their shards' positions stay where they are, and a redelivery finds them held again).
         */
        boolean holds(Totals totals) {
            if (!totals.increments.isEmpty()) {
                return false;
            }
            for (var addition : totals.additions.entrySet()) {
                if (!(valueAt(addition.getKey()) instanceof List<?> held) || !held.containsAll(addition.getValue())) {
                    return false;
                }
            }
            for (var bound : totals.earliest.entrySet()) {
                if (!atOrBelow(valueAt(bound.getKey()), bound.getValue())) {
                    return false;
                }
            }
            for (var bound : totals.latest.entrySet()) {
                if (!atOrBelow(bound.getValue(), valueAt(bound.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        /** Whether {@code low} is at or below {@code high}: both present and of one kind. */
        private static boolean atOrBelow(Object low, Object high) {
            return low != null
                    && high != null
                    && low.getClass() == high.getClass()
                    && CounterChanges.lower(low, high) == low;
        }

        private Object valueAt(String path) {
            Object value = document;
            for (String name : path.split("\\.")) {
                if (!(value instanceof Document nested)) {
                    return null;
                }
                value = nested.get(name);
            }
            return value;
        }

        static Recorded of(Document document) {
            Map<Integer, StreamPosition> positions = new TreeMap<>();
            Object indexes = document.get(POSITION);
            Object gaps = document.get(GAPS);
            if (indexes instanceof Number single) {
                // written by the single writer of old: its one position holds for every shard
                StreamPosition all = new StreamPosition(single.longValue(), indexesOf(gaps));
                for (int shard = 0; shard < CounterShards.COUNT; shard++) {
                    positions.put(shard, all);
                }
            } else if (indexes instanceof Document byShard) {
                Document gapsByShard = gaps instanceof Document known ? known : new Document();
                byShard.forEach((shard, index) -> positions.put(
                        Integer.valueOf(shard),
                        new StreamPosition(((Number) index).longValue(), indexesOf(gapsByShard.get(shard)))));
            }
            return new Recorded(
                    revisionOf(document),
                    positions,
                    indexes instanceof Number,
                    indexesOf(document.get(LATE)),
                    document);
        }
    }

    /** The sum of several events' changes to one document. */
    private static final class Totals {
        private final Map<String, Long> increments = new LinkedHashMap<>();
        private final Map<String, Set<Object>> additions = new LinkedHashMap<>();
        private final Map<String, Object> earliest = new LinkedHashMap<>();
        private final Map<String, Object> latest = new LinkedHashMap<>();
        private final Document onInsert = new Document();

        void add(CounterChange change) {
            change.increments().forEach((field, amount) -> increments.merge(field, amount, Long::sum));
            change.earliest().forEach((field, value) -> earliest.merge(field, value, CounterChanges::lower));
            change.latest().forEach((field, value) -> latest.merge(field, value, CounterChanges::higher));
            change.additions()
                    .forEach((field, values) -> additions
                            .computeIfAbsent(field, f -> new LinkedHashSet<>())
                            .addAll(values));
            onInsert.putAll(change.onInsert());
        }

        Operators updates() {
            Operators update = new Operators();
            increments.forEach((field, amount) -> update.put(INC, field, amount));
            additions.forEach((field, values) -> update.addEachToSet(field, new ArrayList<>(values)));
            earliest.forEach((field, value) -> update.put(MIN, field, value));
            latest.forEach((field, value) -> update.put(MAX, field, value));
            return update;
        }
    }

    private static final String INC = "$inc";
    private static final String SET = "$set";
    private static final String MIN = "$min";
    private static final String MAX = "$max";
    private static final String ADD_TO_SET = "$addToSet";
    private static final String SET_ON_INSERT = "$setOnInsert";

    /**
     * An update document built as one document of operators, each holding its fields: what {@code Updates.combine} of
     * one update per field sends, without making and merging a document per field before encoding it (a counter
     * document's update names hundreds of fields while catching up).
     */
    private static final class Operators {
        private final Document update = new Document();

        void put(String operator, String field, Object value) {
            ((Document) update.computeIfAbsent(operator, name -> new Document())).put(field, value);
        }

        void addEachToSet(String field, List<?> values) {
            put(ADD_TO_SET, field, new Document("$each", values));
        }

        void setOnInsert(Document fields) {
            fields.forEach((field, value) -> put(SET_ON_INSERT, field, value));
        }

        Document document() {
            return update;
        }
    }

    private record Key(MongoCollection<Document> collection, String id) {}

    private record Cached(Document document, long revision, boolean dirty) {}

    private record CounterChange(
            int shard,
            StreamPosition position,
            Map<String, Long> increments,
            Map<String, Set<Object>> additions,
            Map<String, Object> earliest,
            Map<String, Object> latest,
            Document onInsert) {

        /** The top-level fields of the sets and bounds this change names. */
        Set<String> heldFields() {
            Set<String> fields = new LinkedHashSet<>();
            for (Map<String, ?> named : List.of(additions, earliest, latest)) {
                named.keySet().forEach(field -> fields.add(field.split("\\.", 2)[0]));
            }
            return fields;
        }
    }
}
