package io.orderinsight.projections.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.bson.Document;

/**
 * A projection writing the collections of one generation of its processing group, each batch of events through one
 * {@link WriteBatches}: what every read model has in common, so that a projection's class holds its handlers alone.
 */
public abstract class GenerationProjection implements BatchedProjection {

    private final Generation generation;
    private final MongoDatabase database;
    private final List<String> collections;
    protected final WriteBatches batches;

    /**
     * @param generation the generation written, of {@code group}
     * @param collections the collections kept, by their first generation's names; the first names the batches
     */
    protected GenerationProjection(
            String group, MongoDatabase database, Generation generation, List<String> collections) {
        this.generation = generation.requireOf(group);
        this.database = database;
        this.collections = List.copyOf(collections);
        this.batches = new WriteBatches(collections.get(0));
    }

    /** The generation's collection of {@code name} (a first generation's name). */
    protected final MongoCollection<Document> collection(String name) {
        return database.getCollection(generation.collection(name));
    }

    @Override
    public final List<String> collections() {
        return collections.stream().map(generation::collection).toList();
    }

    @Override
    public final MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return batches.flushAtEndOfBatch();
    }

    @Override
    public final WriteConflicts writeConflicts() {
        return batches.conflicts();
    }
}
