package io.orderinsight.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded backend answers what the projections ask exactly as mongo-java-server's own, through the driver. */
class EmbeddedMemoryBackendTest {

    private EmbeddedServer server;
    private MongoCollection<Document> documents;

    @BeforeEach
    void start() {
        server = new EmbeddedServer();
        documents = server.database("test").getCollection("documents");
        documents.createIndex(
                Indexes.ascending("_id", "rev"), new IndexOptions().unique(true).name("_id_rev"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aWriteConditionalOnTheRevisionAppliesOnlyToThatRevisionAndMeetsTheIdOtherwise() {
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        documents.updateOne(revision("a", 0), Updates.combine(Updates.inc("n", 1L), Updates.set("rev", 1L)), upsert);
        documents.updateOne(revision("a", 1), Updates.combine(Updates.inc("n", 2L), Updates.inc("rev", 1L)), upsert);

        assertThat(documents.find(revision("a", 2)).first()).containsEntry("n", 3L);
        assertThat(documents.find(revision("a", 1)).first()).isNull();
        // a writer that read revision 1 is late: its upsert meets the existing _id instead of overwriting
        assertThatThrownBy(() -> documents.updateOne(revision("a", 1), Updates.inc("n", 5L), upsert))
                .isInstanceOf(MongoWriteException.class)
                .satisfies(e -> assertThat(((MongoWriteException) e).getCode()).isEqualTo(11000));
        assertThatThrownBy(() -> documents.replaceOne(
                        revision("a", 1),
                        new Document("_id", "a").append("rev", 2L),
                        new ReplaceOptions().upsert(true)))
                .isInstanceOf(MongoWriteException.class);
        assertThat(documents.find(new Document("_id", "a")).first())
                .containsEntry("n", 3L)
                .containsEntry("rev", 2L);
    }

    @Test
    void aDocumentWithoutRevisionMatchesANullRevisionAndOtherQueriesStillWork() {
        documents.insertOne(new Document("_id", "old").append("n", 1L));
        documents.insertOne(new Document("_id", "new").append("n", 2L).append("rev", 4L));

        assertThat(documents
                        .find(new Document("_id", "old").append("rev", null))
                        .first())
                .containsEntry("n", 1L);
        assertThat(documents
                        .find(new Document("_id", "new").append("rev", null))
                        .first())
                .isNull();
        assertThat(documents.find(new Document("n", 2L)).first()).containsEntry("_id", "new");
        assertThat(documents
                        .find(new Document("_id", new Document("$in", List.of("old", "new"))))
                        .into(new ArrayList<>()))
                .hasSize(2);
        assertThat(documents.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                .contains("_id_", "_id_rev");
        documents.deleteOne(new Document("_id", "new").append("rev", 4L));
        assertThat(documents.countDocuments()).isEqualTo(1);
    }

    @Test
    void aListOfIdsFindsExactlyTheDocumentsThatExistShapedByTheProjection() {
        for (String id : List.of("a", "b", "c")) {
            documents.insertOne(
                    new Document("_id", id).append("n", (long) id.charAt(0)).append("other", "x"));
        }
        documents.insertOne(new Document("_id", 7L).append("n", 7L));

        List<Document> found = documents
                .find(new Document("_id", new Document("$in", List.of("c", "a", "zz", 7))))
                .projection(Projections.include("n"))
                .sort(Sorts.ascending("n"))
                .into(new ArrayList<>());

        assertThat(found)
                .containsExactly(
                        new Document("_id", 7L).append("n", 7L),
                        new Document("_id", "a").append("n", 97L),
                        new Document("_id", "c").append("n", 99L));
        assertThat(documents
                        .find(new Document("_id", new Document("$in", List.of())))
                        .into(new ArrayList<>()))
                .isEmpty();
    }

    @Test
    void aCollectionWithAnImpliedIndexIsDroppedAndCreatedAgain() {
        documents.insertOne(new Document("_id", "a").append("rev", 1L));
        documents.dropIndex("_id_rev");
        documents.createIndex(
                Indexes.ascending("_id", "rev"), new IndexOptions().unique(true).name("_id_rev"));
        documents.drop();

        assertThat(server.database("test").listCollectionNames().into(new ArrayList<>()))
                .doesNotContain("documents");
        documents.createIndex(
                Indexes.ascending("_id", "rev"), new IndexOptions().unique(true).name("_id_rev"));
        documents.insertOne(new Document("_id", "a").append("rev", 1L));
        assertThat(documents.find(revision("a", 1)).first()).isNotNull();
    }

    private static Document revision(String id, long revision) {
        return new Document("_id", id).append("rev", revision);
    }

    @Test
    void updatesByIdLeaveWhatTheStockBackendLeavesAndFailAsItFails() {
        try (EmbeddedServer stockServer = new EmbeddedServer(new de.bwaldvogel.mongo.backend.memory.MemoryBackend())) {
            MongoCollection<Document> stock = stockServer.database("test").getCollection("documents");
            UpdateOptions upsert = new UpdateOptions().upsert(true);
            java.util.Date early = new java.util.Date(1_000);
            java.util.Date late = new java.util.Date(2_000);
            List<org.bson.conversions.Bson> updates = List.of(
                    Updates.combine(
                            Updates.inc("m.05.orders", 1L),
                            Updates.inc("m.05.gmv", 700L),
                            Updates.setOnInsert(new Document("currency", "EUR")),
                            Updates.set("position", new Document("3", 17L)),
                            Updates.set("rev", 1L)),
                    Updates.combine(
                            Updates.inc("m.05.orders", 2L),
                            Updates.inc("m.06.orders", 1L),
                            Updates.inc("g.seller.05.s-1.gmv", 5L),
                            Updates.min("first.EUR", late),
                            Updates.max("last.EUR", late),
                            Updates.addEachToSet("currencies", List.of("EUR", "SEK")),
                            Updates.setOnInsert(new Document("currency", "USD")),
                            Updates.inc("rev", 1L)),
                    Updates.combine(
                            Updates.min("first.EUR", early),
                            Updates.max("last.EUR", early),
                            Updates.addToSet("currencies", "EUR"),
                            Updates.addEachToSet("late", List.of(4L, 9L)),
                            Updates.inc("g.seller.05.s-1.gmv", -5L),
                            Updates.inc("count", 1),
                            Updates.inc("rev", 1L)));
            for (int i = 0; i < updates.size(); i++) {
                for (MongoCollection<Document> collection : List.of(documents, stock)) {
                    collection.updateOne(revision("c", i), updates.get(i), upsert);
                }
                assertThat(documents.find(new Document("_id", "c")).first())
                        .as("after update %d", i)
                        .isEqualTo(stock.find(new Document("_id", "c")).first());
            }
            // on condition of one shard's position and gaps (paths into subdocuments, a list), as the counters write
            Document atShard =
                    new Document("_id", "c").append("position.3", 17L).append("gaps.3", null);
            org.bson.conversions.Bson moveOn = Updates.combine(
                    Updates.inc("m.05.orders", 1L),
                    Updates.set("position.3", 18L),
                    Updates.set("gaps.3", List.of(16L)),
                    Updates.inc("rev", 1L));
            documents.updateOne(atShard, moveOn, upsert);
            stock.updateOne(atShard, moveOn, upsert);
            Document atGap = new Document("_id", "c").append("position.3", 18L).append("gaps.3", List.of(16L));
            documents.updateOne(atGap, Updates.set("gaps.3", List.of()), upsert);
            stock.updateOne(atGap, Updates.set("gaps.3", List.of()), upsert);
            assertThat(documents.find(new Document("_id", "c")).first())
                    .isEqualTo(stock.find(new Document("_id", "c")).first());
            // refused as the stock backend refuses, changing nothing: a late revision, a shard's old position,
            // conflicting paths, $inc of text
            List<org.bson.conversions.Bson> refused = List.of(
                    Updates.combine(Updates.inc("m.05.orders", 1L), Updates.inc("rev", 1L)),
                    moveOn,
                    Updates.combine(Updates.inc("m.05", 1L), Updates.inc("m.05.orders", 1L)),
                    Updates.inc("currencies", 1L));
            for (int i = 0; i < refused.size(); i++) {
                Document selector = i == 0 ? revision("c", 1) : i == 1 ? atShard : new Document("_id", "c");
                assertRefusedAlike(stock, selector, refused.get(i));
            }
            assertThat(documents.find(new Document("_id", "c")).first())
                    .isEqualTo(stock.find(new Document("_id", "c")).first());
        }
    }

    @Test
    void upsertsThatInsertLeaveWhatTheStockBackendLeavesAndFailAsItFails() {
        try (EmbeddedServer stockServer = new EmbeddedServer(new de.bwaldvogel.mongo.backend.memory.MemoryBackend())) {
            MongoCollection<Document> stock = stockServer.database("test").getCollection("documents");
            UpdateOptions upsert = new UpdateOptions().upsert(true);
            org.bson.conversions.Bson counters = Updates.combine(
                    Updates.inc("m.05.orders", 1L),
                    Updates.inc("g.seller.05.s-1.gmv", 700L),
                    Updates.setOnInsert(new Document("currency", "EUR").append("m.05.since", 3L)),
                    Updates.max("last.EUR", new java.util.Date(2_000)),
                    Updates.addEachToSet("currencies", List.of("EUR", "SEK", "EUR")),
                    Updates.set("position", new Document("3", 17L)),
                    Updates.inc("rev", 1L));
            List<Document> selectors = List.of(
                    new Document("_id", "new-1"),
                    revision("new-2", 0),
                    new Document("_id", 42L).append("kind", "hour").append("gaps", null));
            // a counter document's first write from one shard: on condition that the shard has no position yet
            org.bson.conversions.Bson fromShard = Updates.combine(
                    Updates.inc("m.05.orders", 1L),
                    Updates.set("position.3", 18L),
                    Updates.set("gaps.3", List.of(16L)),
                    Updates.inc("rev", 1L));
            selectors = new ArrayList<>(selectors);
            selectors.add(
                    new Document("_id", "new-shard").append("position.3", null).append("gaps.3", null));
            for (Document selector : selectors) {
                org.bson.conversions.Bson update = selector.containsKey("position.3") ? fromShard : counters;
                for (MongoCollection<Document> collection : List.of(documents, stock)) {
                    collection.updateOne(selector, update, upsert);
                }
                Document id = new Document("_id", selector.get("_id"));
                assertThat(documents.find(id).first())
                        .as("inserted by %s", selector)
                        .isEqualTo(stock.find(id).first());
            }
            // refused as the stock backend refuses, inserting nothing: an _id that exists under another revision,
            // conflicting paths, $setOnInsert and $set of one field, $inc of text
            List<Document> refusedSelectors = List.of(
                    revision("new-2", 7),
                    new Document("_id", "new-3"),
                    new Document("_id", "new-4"),
                    new Document("_id", "new-5"));
            List<org.bson.conversions.Bson> refused = List.of(
                    counters,
                    Updates.combine(Updates.inc("m.05", 1L), Updates.inc("m.05.orders", 1L)),
                    Updates.combine(Updates.setOnInsert("currency", "EUR"), Updates.set("currency", "SEK")),
                    new Document("$inc", new Document("currency", "EUR")));
            for (int i = 0; i < refused.size(); i++) {
                assertRefusedAlike(stock, refusedSelectors.get(i), refused.get(i));
            }
            assertThat(documents.find().into(new ArrayList<>()))
                    .containsExactlyInAnyOrderElementsOf(stock.find().into(new ArrayList<>()));
        }
    }

    /** The upsert is refused here with the error code the stock backend gives it. */
    private void assertRefusedAlike(
            MongoCollection<Document> stock, Document selector, org.bson.conversions.Bson update) {
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        Throwable ours =
                org.assertj.core.api.Assertions.catchThrowable(() -> documents.updateOne(selector, update, upsert));
        Throwable theirs =
                org.assertj.core.api.Assertions.catchThrowable(() -> stock.updateOne(selector, update, upsert));
        assertThat(ours).as("refusal of %s", update).isInstanceOf(MongoWriteException.class);
        assertThat(((MongoWriteException) ours).getCode()).isEqualTo(((MongoWriteException) theirs).getCode());
    }
}
