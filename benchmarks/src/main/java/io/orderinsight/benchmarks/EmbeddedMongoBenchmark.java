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
 * second index. Rounds alternate between the two in one process.
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
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        // one unmeasured round each first: the JIT
        for (int round = -1; round < rounds; round++) {
            for (var backend : backends.entrySet()) {
                double rate = round(backend.getValue().get(), documents);
                System.out.printf(Locale.ROOT, "  round %d, %s: %,.0f replacements/s%n", round, backend.getKey(), rate);
                if (round >= 0) {
                    rates.computeIfAbsent(backend.getKey(), key -> new ArrayList<>())
                            .add(rate);
                }
            }
        }
        StringBuilder table = new StringBuilder(
                "| backend | conditional replacements/s (median of " + rounds + " rounds) | ratio |\n|---|---|---|\n");
        double baseline = median(rates.values().iterator().next());
        rates.forEach((name, measured) -> table.append(String.format(
                Locale.ROOT, "| %s | %,.0f | %.2f |%n", name, median(measured), median(measured) / baseline)));
        Summary.rate(
                "read side",
                "embedded MongoDB: conditional replacements, application's backend",
                median(rates.get("the application's (EmbeddedMemoryBackend)")),
                "mongo-java-server's memory backend",
                baseline,
                "/s");
        String section =
                """
                ## Embedded MongoDB: the projections' writes on each backend

                Run on %s, %s. Command:

                ```
                mvn -B -q package -DskipTests && java -jar benchmarks/target/order-insight-benchmarks.jar %s
                ```

                %,d documents shaped like order views (about 1 KB), each replaced once per round in unordered
                `bulkWrite`s of %d, every replacement on condition of the document's `_id` and revision (a unique index
                on both, as the projections create it), each batch's documents read first by one `$in` on their ids.

                %s
                """.formatted(LocalDate.now(), Reports.machine(), String.join(" ", args), documents, BATCH, table);
        System.out.println(table);
        Reports.replaceSection(report, SECTION, section);
    }

    /** Replacements per second of one round on a fresh server of {@code backend}. */
    private static double round(MongoBackend backend, int documents) {
        MongoServer server = new MongoServer(backend);
        server.bind("localhost", 0);
        try (MongoClient client = MongoClients.create(
                "mongodb://localhost:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> views = client.getDatabase("bench").getCollection("views");
            views.createIndex(
                    Indexes.ascending("_id", "rev"),
                    new IndexOptions().unique(true).name("_id_rev"));
            List<WriteModel<Document>> inserts = new ArrayList<>();
            for (int i = 0; i < documents; i++) {
                inserts.add(new ReplaceOneModel<>(
                        new Document("_id", id(i)), view(i, 1), new ReplaceOptions().upsert(true)));
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
        } finally {
            server.shutdownNow();
        }
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
