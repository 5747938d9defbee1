package io.orderinsight.infra.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * mongo-java-server's in-memory backend, through the extension points it keeps for other backends, with two costs of
 * its updates taken out — together about half of its work when a projection rebuilds:
 *
 * <ul>
 *   <li><b>No data size kept.</b> The backend encodes the whole document before and after every update to keep a
 *       collection's total size for {@code collStats}, which nothing here reads (its {@code size} reads 0).
 *   <li><b>{@code _id} serves every query that names it.</b> The backend uses an index only for a query on exactly its
 *       fields, so the projections' conditional writes ({@code _id} and revision) needed a second unique index on both,
 *       kept on every write. A query naming one {@code _id} is answered here from the {@code _id} index (the document
 *       found is then matched against the whole query), and a unique index on {@code _id} and other fields, implied by
 *       the {@code _id} index, is not kept (it is still listed, as created). A query for a list of {@code _id}s ({@code
 *       $in}, as a batch reads its documents ahead) takes the documents the index finds as they are: the backend would
 *       match each of them against the whole list again, a cost that grows with the square of the batch.
 *   <li><b>Updates copy what they change.</b> The backend copies a document twice and compares the copies on every
 *       update, whatever its size; the counters' updates of documents by {@code _id} copy only the subdocuments on the
 *       paths they change ({@link PathUpdate}).
 * </ul>
 */
public class EmbeddedMemoryBackend extends MemoryBackend {

    private static final String ID = "_id";
    private static final String IN = "$in";

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    private static final class Database extends MemoryDatabase {

        Database(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new Collection(this, collectionName, options, cursorRegistry);
        }
    }

    private static final class Collection extends MemoryCollection {

        Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        /** The implied indexes created and not kept, by name: dropping one (or the collection) finds it. */
        private final Set<String> implied = ConcurrentHashMap.newKeySet();

        @Override
        public void addIndex(Index<Integer> index) {
            if (index.getKeys().size() > 1
                    && index.getKeys().stream().map(IndexKey::getKey).anyMatch(ID::equals)) {
                implied.add(index.getName());
                return;
            }
            super.addIndex(index);
        }

        @Override
        public void dropIndex(String indexName) {
            if (!implied.remove(indexName)) {
                super.dropIndex(indexName);
            }
        }

        /**
         * An update of one document named by {@code _id} (and any other fields it must equal) with {@code $inc},
         * {@code $set}, {@code $min}, {@code $max}, {@code $addToSet} and {@code $setOnInsert}, touching no indexed
         * field, is applied here: copying only the subdocuments on the paths it changes, where the stock backend
         * copies the whole document twice and compares the copies. Anything else — an upsert that inserts, another
         * operator, a path through an array or a value of another type, conflicting paths — goes the stock way,
         * which also gives its errors; nothing is changed before that choice is made.
         */
        @Override
        public synchronized Document updateDocuments(
                Document selector,
                Document update,
                ArrayFilters arrayFilters,
                boolean isMulti,
                boolean isUpsert,
                Oplog oplog) {
            Document stored = isMulti || !arrayFilters.isEmpty() ? null : storedMatching(selector);
            Map<String, Object> changed = stored == null ? null : PathUpdate.apply(stored, update, indexedFields());
            if (changed == null) {
                Document inserted =
                        isUpsert && !isMulti && arrayFilters.isEmpty() ? insertedBy(selector, update) : null;
                if (inserted != null) {
                    addDocument(inserted);
                    oplog.handleInsert(getFullName(), List.of(inserted));
                    return new Document("upserted", inserted.get(ID))
                            .append("n", 0)
                            .append("nModified", 0);
                }
                return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
            }
            stored.putAll(changed);
            oplog.handleUpdate(getFullName(), selector, update, List.of(stored.get(ID)));
            return new Document("n", 1).append("nModified", changed.isEmpty() ? 0 : 1);
        }

        /** The document a selector of plain values including {@code _id} names, if it matches; otherwise null. */
        private Document storedMatching(Document selector) {
            Document stored = storedWithId(selector.get(ID));
            return stored != null && PathUpdate.matches(stored, selector) ? stored : null;
        }

        /** The stored document with this {@code _id}, found by its index; null if there is none or no such index. */
        private Document storedWithId(Object id) {
            if (!(id instanceof String || id instanceof Number || id instanceof ObjectId)) {
                return null;
            }
            Document byId = new Document(ID, id);
            for (Index<Integer> index : getIndexes()) {
                if (index.canHandle(byId)) {
                    for (Integer position : index.getPositions(byId)) {
                        return getDocument(position);
                    }
                    return null;
                }
            }
            return null;
        }

        /**
         * The document an upsert inserts, worked out here, when its selector is an {@code _id} no stored document has
         * and other paths each equal to a plain value or null (a counter's shard positions: {@code position.3: null})
         * and its update one {@link PathUpdate} applies; otherwise null, for the stock way (which also refuses a
         * duplicate {@code _id}).
         */
        private Document insertedBy(Document selector, Document update) {
            Object id = selector.get(ID);
            if (!(id instanceof String || id instanceof Number || id instanceof ObjectId) || !hasIdIndex()) {
                return null;
            }
            if (storedWithId(id) != null) {
                return null;
            }
            Document inserted = new Document();
            for (Map.Entry<String, Object> field : selector.entrySet()) {
                Object value = field.getValue();
                if (field.getKey().startsWith("$")
                        || value instanceof Document
                        || value instanceof List<?>
                        || !putAt(inserted, field.getKey(), value)) {
                    return null;
                }
            }
            Map<String, Object> fields = PathUpdate.applyToInserted(inserted, update);
            if (fields == null) {
                return null;
            }
            inserted.putAll(fields);
            return inserted;
        }

        /**
         * Puts {@code value} at a path of names joined by dots, making the subdocuments on its way; false if a name is
         * empty, the path runs through a value that is not a document, or it is set already (the stock backend refuses
         * such selectors).
         */
        private static boolean putAt(Document document, String path, Object value) {
            String[] names = path.split("\\.", -1);
            Document parent = document;
            for (int i = 0; i < names.length - 1; i++) {
                Object next = parent.get(names[i]);
                if (names[i].isEmpty() || (next == null && parent.containsKey(names[i]))) {
                    return false;
                }
                if (next == null) {
                    next = new Document();
                    parent.put(names[i], next);
                }
                if (!(next instanceof Document nested)) {
                    return false;
                }
                parent = nested;
            }
            String last = names[names.length - 1];
            if (last.isEmpty() || parent.containsKey(last)) {
                return false;
            }
            parent.put(last, value);
            return true;
        }

        private boolean hasIdIndex() {
            Document byId = new Document(ID, "");
            return getIndexes().stream().anyMatch(index -> index.canHandle(byId));
        }

        /** The top-level fields some index other than {@code _id}'s is kept on. */
        private Set<String> indexedFields() {
            Set<String> fields = new HashSet<>();
            for (Index<Integer> index : getIndexes()) {
                for (IndexKey key : index.getKeys()) {
                    String field = key.getKey();
                    int dot = field.indexOf('.');
                    fields.add(dot < 0 ? field : field.substring(0, dot));
                }
            }
            fields.remove(ID);
            return fields;
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fields) {
            Object id = query.get(ID);
            if (query.size() == 1 && id instanceof Document ids && ids.size() == 1 && ids.containsKey(IN)) {
                for (Index<Integer> index : getIndexes()) {
                    if (index.canHandle(query)) {
                        // the unique index found exactly the documents listed: nothing is left to match
                        return matchDocuments(
                                new Document(), index.getPositions(query), orderBy, skip, limit, batchSize, fields);
                    }
                }
            }
            if (query.size() > 1 && (id instanceof String || id instanceof Number || id instanceof ObjectId)) {
                Document byId = new Document(ID, id);
                for (Index<Integer> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize, fields);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
        }
    }
}
