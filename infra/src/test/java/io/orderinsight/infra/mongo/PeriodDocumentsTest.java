package io.orderinsight.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderinsight.query.InsightCacheProperties;
import io.orderinsight.query.PeriodDocuments;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queries' kept copies of counter documents: taken while the store has them at the same revision, never after. */
class PeriodDocumentsTest {

    private static final List<String> SECTION = List.of("g.seller");

    private EmbeddedServer server;
    private MongoCollection<Document> totals;
    private final PeriodDocuments periods = new PeriodDocuments(new InsightCacheProperties(1_000));

    @BeforeEach
    void start() {
        server = new EmbeddedServer();
        totals = server.database("test").getCollection("sales_totals");
        totals.insertOne(day("EUR|day|2026-03-01", 1, 100));
        totals.insertOne(new Document("_id", "EUR|day|2026-03-02")
                .append("g", new Document("seller", new Document("s-1", new Document("gmv", 7L)))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void takesAnUnchangedDocumentFromMemoryAndReadsAChangedOneAgain() {
        List<String> ids = List.of("EUR|day|2026-03-01", "EUR|day|2026-02-28");

        assertThat(gmv(periods.read(totals, ids, SECTION), "EUR|day|2026-03-01"))
                .isEqualTo(100);
        assertThat(gmv(periods.read(totals, ids, SECTION), "EUR|day|2026-03-01"))
                .isEqualTo(100);
        assertThat(periods.taken()).isEqualTo(1);
        assertThat(periods.readInFull()).isEqualTo(1);

        // every counter write moves the revision
        totals.updateOne(
                Filters.eq("_id", "EUR|day|2026-03-01"),
                Updates.combine(Updates.inc("g.seller.s-1.gmv", 5L), Updates.inc("rev", 1L)));
        Map<String, Document> changed = periods.read(totals, ids, SECTION);

        assertThat(gmv(changed, "EUR|day|2026-03-01")).isEqualTo(105);
        assertThat(changed).doesNotContainKey("EUR|day|2026-02-28");
        assertThat(periods.taken()).isEqualTo(1);
        assertThat(periods.readInFull()).isEqualTo(2);
        assertThat(periods.entries()).isPositive();
    }

    @Test
    void readsADocumentWithoutRevisionEachTimeAndKeepsNothingWhenAskedTo() {
        List<String> ids = List.of("EUR|day|2026-03-02");
        periods.read(totals, ids, SECTION);
        totals.updateOne(Filters.eq("_id", "EUR|day|2026-03-02"), Updates.inc("g.seller.s-1.gmv", 1L));

        assertThat(gmv(periods.read(totals, ids, SECTION), "EUR|day|2026-03-02"))
                .isEqualTo(8);
        assertThat(periods.taken()).isZero();

        PeriodDocuments none = PeriodDocuments.uncached();
        none.read(totals, List.of("EUR|day|2026-03-01"), SECTION);
        assertThat(gmv(none.read(totals, List.of("EUR|day|2026-03-01"), SECTION), "EUR|day|2026-03-01"))
                .isEqualTo(100);
        assertThat(none.taken()).isZero();
        assertThat(none.entries()).isZero();
    }

    private static Document day(String id, long revision, long gmv) {
        return new Document("_id", id)
                .append("rev", revision)
                .append("m", new Document("gmv", gmv))
                .append("g", new Document("seller", new Document("s-1", new Document("gmv", gmv))));
    }

    private static long gmv(Map<String, Document> documents, String id) {
        return documents
                .get(id)
                .get("g", Document.class)
                .get("seller", Document.class)
                .get("s-1", Document.class)
                .getLong("gmv");
    }
}
