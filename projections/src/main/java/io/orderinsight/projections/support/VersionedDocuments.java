package io.orderinsight.projections.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Writes read-model documents idempotently. Each document belongs to one aggregate and remembers how many of its
 * events it has applied ({@code version} = the aggregate's sequence number + 1); an event at or below that version is
 * a redelivery and changes nothing. Every event is one write, so a crash between events never leaves a document half
 * updated.
 */
public final class VersionedDocuments {

    public static final String ID = "_id";
    public static final String VERSION = "version";

    private final MongoCollection<Document> collection;

    public VersionedDocuments(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /** The first event of an aggregate: creates its document, or does nothing if it exists. */
    public void create(String id, Document fields) {
        collection.updateOne(
                Filters.eq(ID, id),
                Updates.setOnInsert(new Document(fields).append(VERSION, 1L)),
                new UpdateOptions().upsert(true));
    }

    /** Adds {@code value} to the set in {@code field}; adding it again changes nothing. */
    public void addToSet(String id, String field, String value) {
        collection.updateOne(Filters.eq(ID, id), Updates.addToSet(field, value));
    }

    /** The entries of a map field, each versioned by an aggregate of its own (an order's payments, say). */
    public Entries entries(String field, Document defaults) {
        return new Entries(field, defaults);
    }

    /**
     * Entries keyed by the id of the aggregate that feeds them, inside a document of another aggregate; each entry
     * keeps its own {@code version}. Keys are ids with {@code .} encoded, as MongoDB reads dots in field names as paths.
     */
    public final class Entries {

        private final String field;
        private final Document defaults;

        private Entries(String field, Document defaults) {
            this.field = field;
            this.defaults = defaults;
        }

        /**
         * Merges {@code change}, computed from the entry's current fields (missing ones taken from the defaults), into
         * the entry of
         * {@code entryId}, unless that entry has already seen event {@code sequence}.
         */
        public void apply(String id, String entryId, long sequence, Function<Document, Document> change) {
            long version = sequence + 1;
            Document current = collection.find(Filters.eq(ID, id)).first();
            if (current == null) {
                return;
            }
            String key = encode(entryId);
            Document entries = current.get(field, Document.class);
            Document entry = entries == null ? null : entries.get(key, Document.class);
            Document base = entry == null ? new Document() : new Document(entry);
            if (base.get(VERSION, Number.class) != null
                    && base.get(VERSION, Number.class).longValue() >= version) {
                return;
            }
            defaults.forEach(base::putIfAbsent);
            Document next = new Document(base);
            next.putAll(change.apply(base));
            next.put(VERSION, version);
            collection.updateOne(Filters.eq(ID, id), Updates.set(field + "." + key, next));
        }
    }

    /** Undoes the key encoding of {@link Entries}. */
    public static String decode(String key) {
        return key.replace("%2E", ".");
    }

    private static String encode(String entryId) {
        return entryId.replace(".", "%2E");
    }

    /**
     * A later event: applies {@code change}, computed from the current document, unless the document has already seen
     * event {@code sequence}.
     */
    public void apply(String id, long sequence, Function<Document, Bson> change) {
        long version = sequence + 1;
        Document current = collection.find(Filters.eq(ID, id)).first();
        if (current == null || current.get(VERSION, Number.class).longValue() >= version) {
            return;
        }
        collection.updateOne(
                Filters.and(Filters.eq(ID, id), Filters.eq(VERSION, current.get(VERSION))),
                Updates.combine(change.apply(current), Updates.set(VERSION, version)));
    }
}
