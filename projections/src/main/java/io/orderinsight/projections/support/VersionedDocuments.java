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
