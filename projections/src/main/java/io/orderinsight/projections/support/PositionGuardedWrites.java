package io.orderinsight.projections.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The writes of one event to counter documents shared by many orders (sales buckets, seller months, customer
 * profiles), made exactly once each. Every such document records the {@link StreamPosition} of the last event applied
 * to it; an event is applied to a document only if its own position is after the recorded one, and in the same
 * single-document update the recorded position moves on to it. So a redelivered event changes nothing, and after a
 * crash between two documents' writes the redelivery completes exactly the missing ones.
 *
 * <p>This relies on events arriving in stream order, which holds for a processor with one segment: the projections
 * that use it run on one. All changes of one event to one document are combined into one update.
 */
public final class PositionGuardedWrites {

    public static final String POSITION = "position";
    public static final String GAPS = "gaps";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final Map<Target, Pending> pending = new LinkedHashMap<>();

    /** Fields the document gets when the event creates it (the dimensions of a bucket, say). */
    public PositionGuardedWrites identify(MongoCollection<Document> collection, String id, Document fields) {
        of(collection, id).onInsert.putAll(fields);
        return this;
    }

    /** Adds {@code amount} to {@code field} (summed with the event's other amounts for it; zero is left out). */
    public PositionGuardedWrites increment(MongoCollection<Document> collection, String id, String field, long amount) {
        if (amount == 0) {
            return this;
        }
        of(collection, id).increments.merge(field, amount, Long::sum);
        return this;
    }

    /** Any other change to make with the event's increments, such as adding to a set. */
    public PositionGuardedWrites change(MongoCollection<Document> collection, String id, Bson update) {
        of(collection, id).others.add(update);
        return this;
    }

    /** Writes every document changed by the event at {@code position}, each at most once over all deliveries. */
    public void apply(StreamPosition position) {
        for (var entry : pending.entrySet()) {
            Target target = entry.getKey();
            Pending changes = entry.getValue();
            List<Bson> update = new ArrayList<>(changes.others);
            changes.increments.forEach((field, amount) -> update.add(Updates.inc(field, amount)));
            if (!changes.onInsert.isEmpty()) {
                update.add(Updates.setOnInsert(changes.onInsert));
            }
            update.add(Updates.set(POSITION, position.index()));
            update.add(Updates.set(GAPS, position.gaps()));
            Bson notYetApplied = Filters.and(
                    Filters.eq(VersionedDocuments.ID, target.id()),
                    Filters.or(
                            Filters.lt(POSITION, position.index()),
                            Filters.and(Filters.eq(POSITION, position.index()), Filters.gt(GAPS, position.gaps()))));
            try {
                target.collection().updateOne(notYetApplied, Updates.combine(update), UPSERT);
            } catch (MongoWriteException e) {
                // The document exists and already covers this event: the upsert's insert met its own id.
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        pending.clear();
    }

    private Pending of(MongoCollection<Document> collection, String id) {
        return pending.computeIfAbsent(new Target(collection, id), target -> new Pending());
    }

    private static final class Pending {
        private final Map<String, Long> increments = new LinkedHashMap<>();
        private final Document onInsert = new Document();
        private final List<Bson> others = new ArrayList<>();
    }

    private record Target(MongoCollection<Document> collection, String id) {}
}
