package io.orderinsight.infra.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
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
 *       the {@code _id} index, is not kept (it is still listed, as created).
 * </ul>
 */
public class EmbeddedMemoryBackend extends MemoryBackend {

    private static final String ID = "_id";

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

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fields) {
            Object id = query.get(ID);
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
