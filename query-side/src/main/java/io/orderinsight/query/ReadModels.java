package io.orderinsight.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.orderinsight.projections.support.LiveGenerations;
import org.bson.Document;

/**
 * The read models as readers see them: each collection of the generation of its projection that is live now, looked
 * up on every query, so readers move to a rebuilt generation as soon as it is switched in.
 */
public record ReadModels(MongoDatabase database, LiveGenerations generations) {

    /** The live generation's collection {@code base} of {@code projection}. */
    public MongoCollection<Document> collection(String projection, String base) {
        return database.getCollection(generations.live(projection).collection(base));
    }
}
