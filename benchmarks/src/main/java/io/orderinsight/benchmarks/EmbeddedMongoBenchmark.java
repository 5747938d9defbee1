package io.orderinsight.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.orderinsight.infra.mongo.EmbeddedMemoryBackend;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.LoggerFactory;

/**
 * The embedded MongoDB backend on the projections' own kind of write: order-view-like documents replaced in batches,
 * each on condition of the revision it was read at ({@code _id} and {@code rev}, served by a unique index on both), and
 * read back by {@code $in} of their ids, as {@code WriteBatch} does. mongo-java-server's in-memory backend is the
 * baseline; the application's ({@link EmbeddedMemoryBackend}) does the same work without the size bookkeeping and the
 * second index, and updates counters copying only what they change. Also the counters' kind of write: conditional
 * {@code $inc} updates of documents shaped like the insight hour documents. Rounds alternate between the two backends
 * in one process.
 */
final class EmbeddedMongoBenchmark {

    static final String SECTION = "embedded-mongo";
    private static final int BATCH = 200;

    private EmbeddedMongoBenchmark() {}

    static void run(Map<String, String> options, String[] args) throws Exception {
        int documents = Integer.parseInt(options.getOrDefault("mongo-documents", "20000"));
        int rounds = Integer.parseInt(options.getOrDefault("mongo-rounds", "5"));
        Path report = Path.of(options.getOrDefault("report", "BENCHMARKS.md"));
        // no Spring here to set the levels: the server and the driver would log every connection
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Map<String, Supplier<MongoBackend>> backends = new LinkedHashMap<>();
        backends.put("mongo-java-server's memory backend", MemoryBackend::new);
        backends.put("the application's (EmbeddedMemoryBackend)", EmbeddedMemoryBackend::new);
        Map<String, Map<String, List<Double>>> rates = new LinkedHashMap<>();
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put("conditional replacements/s", EmbeddedMongoBenchmark::replacements);
        kinds.put("counter updates/s", EmbeddedMongoBenchmark::counters);
        // one unmeasured round each first: the JIT
        for (int round = -1; round < rounds; round++) {
            for (var kind : kinds.entrySet()) {
                for (var backend : backends.entrySet()) {
                    double rate = round(backend.getValue().get(), documents, kind.getValue());
                    System.out.printf(
                            Locale.ROOT, "  round %d, %s: %,.0f %s%n", round, backend.getKey(), rate, kind.getKey());
                    if (round >= 0) {
                        rates.computeIfAbsent(kind.getKey(), key -> new LinkedHashMap<>())
                                .computeIfAbsent(backend.getKey(), key -> new ArrayList<>())
                                .add(rate);
                    }
                }
            }
        }
        StringBuilder table = new StringBuilder(
                "| write | backend | per second (median of " + rounds + " rounds) | ratio |\n|---|---|---|---|\n");
        rates.forEach((kind, byBackend) -> {
            double baseline = median(byBackend.values().iterator().next());
            byBackend.forEach((name, measured) -> table.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %,.0f | %.2f |%n",
                    kind.replace("/s", ""),
                    name,
                    median(measured),
                    median(measured) / baseline)));
            Summary.rate(
                    "read side",
                    "embedded MongoDB: " + kind.replace("/s", "") + ", application's backend",
                    median(byBackend.get("the application's (EmbeddedMemoryBackend)")),
                    "mongo-java-server's memory backend",
                    baseline,
                    "/s");
        });
        String section =
                """
                ## Embedded MongoDB: the projections' writes on each backend

                Run on %s, %s. Command:

                ```
                mvn -B -q package -DskipTests && java -jar benchmarks/target/order-insight-benchmarks.jar %s
                ```

                *Conditional replacements*: %,d documents shaped like order views (about 1 KB), each replaced once per
                round in unordered `bulkWrite`s of %d, every replacement on condition of the document's `_id` and
                revision (a unique index on both, as the projections create it), each batch's documents read first by
                one `$in` on their ids.

                *Counter updates*: as many documents shaped like the insight counters' hour documents (figures by minute
                and by seller, country, channel and category, positions per shard), each updated 12 times per round
                (one pass over them after another, in the same batches) with a conditional `$inc` of 24 figures, the positions set and the revision moved on, as
                `WriteBatch` does; the documents grow over the rounds as counters do.

                %s
                """.formatted(LocalDate.now(), Reports.machine(), String.join(" ", args), documents, BATCH, table);
        System.out.println(table);
        Reports.replaceSection(report, SECTION, section);
    }

    /** One kind of write: documents written per second on a collection of a fresh server. */
    private interface Kind {
        double rate(MongoCollection<Document> collection, int documents);
    }

    /** Writes per second of one round of {@code kind} on a fresh server of {@code backend}. */
    private static double round(MongoBackend backend, int documents, Kind kind) {
        MongoServer server = new MongoServer(backend);
        server.bind("localhost", 0);
        try (MongoClient client = MongoClients.create(
                "mongodb://localhost:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> collection = client.getDatabase("bench").getCollection("documents");
            collection.createIndex(
                    Indexes.ascending("_id", "rev"),
                    new IndexOptions().unique(true).name("_id_rev"));
            return kind.rate(collection, documents);
        } finally {
            server.shutdownNow();
        }
    }

    /**
     * Counter updates per second: each document updated 12 times, once per round of batches, each update adding to 24
     * figures (a minute's and its dimensions') on condition of the revision read, as {@code WriteBatch} does.
     */
    private static double counters(MongoCollection<Document> counters, int documents) {
        List<String> dimensions = List.of("seller", "country", "channel", "category");
        long began = System.nanoTime();
        for (int pass = 0; pass < 12; pass++) {
            for (int from = 0; from < documents; from += BATCH) {
                List<String> ids = new ArrayList<>();
                for (int i = from; i < Math.min(documents, from + BATCH); i++) {
                    ids.add(id(i));
                }
                Map<String, Long> revisions = new LinkedHashMap<>();
                ids.forEach(id -> revisions.put(id, 0L));
                counters.find(Filters.in("_id", ids))
                        .projection(new Document("rev", 1).append("position", 1))
                        .forEach(read -> revisions.put(read.getString("_id"), read.getLong("rev")));
                List<WriteModel<Document>> writes = new ArrayList<>();
                int at = pass;
                revisions.forEach((id, revision) -> {
                    String minute = String.format("%02d", (at * 5) % 60);
                    List<org.bson.conversions.Bson> update = new ArrayList<>();
                    for (String figure : List.of("orders", "gmv", "attempts", "captured")) {
                        update.add(Updates.inc("m." + minute + "." + figure, 1L));
                        for (String dimension : dimensions) {
                            update.add(Updates.inc(
                                    "g." + dimension + "." + minute + "." + dimension + "-" + (at % 7) + "." + figure,
                                    1L));
                        }
                    }
                    update.add(Updates.set("position", new Document(String.valueOf(at % 16), 1_000L * at)));
                    update.add(revision == 0 ? Updates.set("rev", 1L) : Updates.inc("rev", 1L));
                    writes.add(new UpdateOneModel<>(
                            new Document("_id", id).append("rev", revision),
                            Updates.combine(update),
                            new UpdateOptions().upsert(true)));
                });
                counters.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            }
        }
        return documents * 12 / ((System.nanoTime() - began) / 1e9);
    }

    /** Conditional replacements per second of order-view-like documents, each replaced once. */
    private static double replacements(MongoCollection<Document> views, int documents) {
        List<WriteModel<Document>> inserts = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            inserts.add(
                    new ReplaceOneModel<>(new Document("_id", id(i)), view(i, 1), new ReplaceOptions().upsert(true)));
            if (inserts.size() == BATCH) {
                views.bulkWrite(inserts, new BulkWriteOptions().ordered(false));
                inserts.clear();
            }
        }
        long began = System.nanoTime();
        for (int from = 0; from < documents; from += BATCH) {
            List<String> ids = new ArrayList<>();
            for (int i = from; i < Math.min(documents, from + BATCH); i++) {
                ids.add(id(i));
            }
            List<WriteModel<Document>> writes = new ArrayList<>();
            for (Document read : views.find(Filters.in("_id", ids))) {
                long revision = read.getLong("rev");
                int i = Integer.parseInt(read.getString("_id").substring(2));
                writes.add(new ReplaceOneModel<>(
                        new Document("_id", read.getString("_id")).append("rev", revision),
                        view(i, revision + 1),
                        new ReplaceOptions().upsert(true)));
            }
            views.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        return documents / ((System.nanoTime() - began) / 1e9);
    }

    private static String id(int i) {
        return "o-" + i;
    }

    private static Document view(int i, long revision) {
        Document payments = new Document();
        for (int p = 0; p < 2; p++) {
            payments.append(
                    "p-" + i + "-" + p,
                    new Document("status", "AUTHORIZED")
                            .append("authorized", 12_345L)
                            .append("captured", 12_345L)
                            .append("refunded", 0L)
                            .append("refundsInFlight", 0L)
                            .append("disputed", 0L)
                            .append("authorizedAt", new Date(1_700_000_000_000L + i))
                            .append("cardFingerprint", "card-" + (i % 977))
                            .append("captures", List.of(new Document("at", new Date()).append("amount", 12_345L)))
                            .append("version", revision));
        }
        return new Document("_id", id(i))
                .append("customerId", "c-" + (i % 5_000))
                .append("sellerId", "s-" + (i % 300))
                .append("channel", "WEB")
                .append("shippingCountry", "DE")
                .append("currency", "EUR")
                .append("total", 24_690L)
                .append("items", 2)
                .append(
                        "lines",
                        List.of(
                                new Document("category", "books").append("amount", 12_345L),
                                new Document("category", "toys").append("amount", 12_345L)))
                .append("status", "PLACED")
                .append("placedAt", new Date(1_700_000_000_000L + i))
                .append("payments", payments)
                .append("refundIds", List.of())
                .append("version", revision)
                .append("rev", revision);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
