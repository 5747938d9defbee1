package io.orderinsight.projections.support;

import com.mongodb.client.MongoCollection;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * Keeps read-model documents that each belong to one aggregate, exactly. Each document remembers how many of its
 * aggregate's events it has applied ({@code version} = the aggregate's sequence number + 1); an event at or below that
 * version is a redelivery and changes nothing. Changes go through the batch's {@link WriteBatch}: a document is read
 * once per batch, changed in memory by each event, and written once, whole, when the batch ends — so it is always the
 * consistent result of the events up to its version, and a crash between two documents' writes is repaired by the
 * redelivery of the batch.
 */
public final class VersionedDocuments {

    public static final String ID = "_id";
    public static final String VERSION = "version";

    private final MongoCollection<Document> collection;
    private final WriteBatches batches;

    public VersionedDocuments(MongoCollection<Document> collection, WriteBatches batches) {
        this.collection = collection;
        this.batches = batches;
        WriteBatch.indexRevisions(collection);
    }

    /** The first event of an aggregate: creates its document, or does nothing if it exists. */
    public void create(String id, Document fields) {
        batches.write(batch -> {
            if (batch.find(collection, id) == null) {
                batch.put(collection, id, new Document(fields).append(VERSION, 1L));
            }
        });
    }

    /** Adds {@code value} to the list in {@code field} unless it is there; adding it again changes nothing. */
    public void addToSet(String id, String field, String value) {
        batches.write(batch -> {
            Document current = batch.find(collection, id);
            if (current == null
                    || current.getList(field, String.class, List.of()).contains(value)) {
                return;
            }
            Document next = new Document(current);
            List<String> values = new java.util.ArrayList<>(current.getList(field, String.class, List.of()));
            values.add(value);
            next.put(field, values);
            batch.put(collection, id, next);
        });
    }

    /**
     * A later event: sets the fields {@code change} computes from the current document, unless the document has
     * already seen event {@code sequence}.
     */
    public void apply(String id, long sequence, Function<Document, Document> change) {
        long version = sequence + 1;
        batches.write(batch -> {
            Document current = batch.find(collection, id);
            if (current == null || current.get(VERSION, Number.class).longValue() >= version) {
                return;
            }
            Document next = new Document(current);
            next.putAll(change.apply(current));
            next.put(VERSION, version);
            batch.put(collection, id, next);
        });
    }

    /**
     * The entries of a map field, each versioned by an aggregate of its own (an order's payments, say), each read as
     * an {@code E} by {@code reading} and written by {@code writing}.
     */
    public <E> Entries<E> entries(String field, Function<Document, E> reading, Function<E, Document> writing) {
        return new Entries<>(field, reading, writing);
    }

    /**
     * Entries keyed by the id of the aggregate that feeds them, inside a document of another aggregate; each entry
     * keeps its own {@code version}. Keys are the ids as {@link FieldKeys} encodes them.
     */
    public final class Entries<E> {

        private final String field;
        private final Function<Document, E> reading;
        private final Function<E, Document> writing;

        private Entries(String field, Function<Document, E> reading, Function<E, Document> writing) {
            this.field = field;
            this.reading = reading;
            this.writing = writing;
        }

        /**
         * Replaces the entry of {@code entryId} by {@code change} of it (of the entry read from an empty document if
         * there is none yet), unless that entry has already seen event {@code sequence}.
         */
        public void apply(String id, String entryId, long sequence, UnaryOperator<E> change) {
            long version = sequence + 1;
            batches.write(batch -> {
                Document current = batch.find(collection, id);
                if (current == null) {
                    return;
                }
                String key = FieldKeys.encode(entryId);
                Document entries = current.get(field, Document.class);
                Document entry = entries == null ? null : entries.get(key, Document.class);
                if (entry != null
                        && entry.get(VERSION, Number.class) != null
                        && entry.get(VERSION, Number.class).longValue() >= version) {
                    return;
                }
                Document nextEntry = writing.apply(change.apply(reading.apply(entry == null ? new Document() : entry)));
                nextEntry.put(VERSION, version);
                Document nextEntries = entries == null ? new Document() : new Document(entries);
                nextEntries.put(key, nextEntry);
                Document next = new Document(current);
                next.put(field, nextEntries);
                batch.put(collection, id, next);
            });
        }
    }
}
