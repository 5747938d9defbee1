package io.orderinsight.infra.generations;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.orderinsight.audit.jobs.Jobs;
import io.orderinsight.audit.jobs.Progress;
import io.orderinsight.infra.axon.ProjectionEventSource;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.VersionedDocuments;
import io.orderinsight.projections.support.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.bson.Document;

/**
 * {@code POST /api/v1/admin/projections/{name}/drift}: replays all of history into a scratch generation of the
 * projection, waits until the live generation has passed the same position, and compares the two document by
 * document (missing, extra, different fields; what a document records of its own writing — a counter's positions, the late
 * events it applied, its revision — is not compared). Documents the live
 * traffic changed meanwhile are compared again after both have moved on, a few rounds, so only real drift remains.
 */
public class DriftCheck {

    public static final String KIND = "projection-drift";

    private static final int ROUNDS = 5;
    private static final int SAMPLES = 50;
    private static final Duration LIVE_WAIT = Duration.ofSeconds(60);
    private static final List<String> OWN_POSITION =
            List.of(WriteBatch.POSITION, WriteBatch.GAPS, WriteBatch.LATE, WriteBatch.REVISION);

    private final Jobs jobs;
    private final ProjectionCatalog catalog;
    private final GenerationPointers pointers;
    private final GenerationProcessors processors;
    private final ProjectionEventSource events;
    private final ParameterResolverFactory parameters;

    public DriftCheck(
            Jobs jobs,
            ProjectionCatalog catalog,
            GenerationPointers pointers,
            GenerationProcessors processors,
            ProjectionEventSource events,
            ParameterResolverFactory parameters) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.pointers = pointers;
        this.processors = processors;
        this.events = events;
        this.parameters = parameters;
    }

    /** MISSING: in the fresh rebuild, not in live; EXTRA: in live only; DIFFERENT: both, with these fields apart. */
    public record Difference(String collection, String id, String kind, List<String> fields) {}

    public record CollectionCount(String collection, long live, long rebuilt) {}

    /**
     * @param position the stream position both sides were compared at (the last round's)
     * @param drifted whether any document differs
     * @param samples the first differences
     */
    public record DriftReport(
            String projection,
            int generation,
            long position,
            long eventsReplayed,
            int rounds,
            List<CollectionCount> collections,
            boolean drifted,
            int differences,
            List<Difference> samples) {}

    public String start(String projection) {
        ProjectionCatalog.require(projection);
        return jobs.start(
                KIND, projection, Map.of("projection", projection), null, progress -> check(projection, progress));
    }

    private DriftReport check(String projection, Progress progress) {
        Generation live = pointers.read(projection).liveGeneration();
        Generation fresh = Generation.scratch(projection, ProjectionCatalog.scratchTag("drift"));
        MongoDatabase database = catalog.readModels();
        try {
            ScratchReplay replay = new ScratchReplay(events, parameters, List.of(catalog.create(fresh)));
            long head = processors.head();
            progress.total(head + 1);
            long replayed = replay.replay(head, event -> true, null, index -> progress.done(index + 1));
            progress.done(head + 1);
            Map<String, TreeSet<String>> suspects = null;
            List<Difference> differences = List.of();
            int round = 0;
            while (round < ROUNDS) {
                round++;
                awaitLive(live, head);
                differences = compare(database, live, fresh, suspects);
                if (differences.isEmpty() || round == ROUNDS) {
                    break;
                }
                suspects = new LinkedHashMap<>();
                for (Difference difference : differences) {
                    suspects.computeIfAbsent(difference.collection(), key -> new TreeSet<>())
                            .add(difference.id());
                }
                head = processors.head();
                replayed = replay.replay(head, event -> true, null, index -> {});
            }
            List<CollectionCount> counts = new ArrayList<>();
            for (String base : baseCollections(projection)) {
                counts.add(new CollectionCount(
                        base,
                        database.getCollection(live.collection(base)).countDocuments(),
                        database.getCollection(fresh.collection(base)).countDocuments()));
            }
            return new DriftReport(
                    projection,
                    live.number(),
                    head,
                    replayed,
                    round,
                    counts,
                    !differences.isEmpty(),
                    differences.size(),
                    differences.subList(0, Math.min(SAMPLES, differences.size())));
        } finally {
            catalog.drop(fresh);
        }
    }

    private static List<String> baseCollections(String projection) {
        return ProjectionCatalog.collections(Generation.of(projection, Generation.FIRST));
    }

    private void awaitLive(Generation live, long position) {
        long deadline = System.nanoTime() + LIVE_WAIT.toNanos();
        while (processors.positionOf(live) < position) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live generation of " + live.projection()
                        + " did not reach position " + position + " within " + LIVE_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Every document of both sides, or only {@code suspects} (by base collection) when given. */
    private static List<Difference> compare(
            MongoDatabase database, Generation live, Generation fresh, Map<String, TreeSet<String>> suspects) {
        List<Difference> differences = new ArrayList<>();
        for (String base : baseCollections(live.projection())) {
            MongoCollection<Document> liveDocuments = database.getCollection(live.collection(base));
            MongoCollection<Document> freshDocuments = database.getCollection(fresh.collection(base));
            if (suspects == null) {
                mergeCompare(base, liveDocuments, freshDocuments, differences);
            } else {
                for (String id : suspects.getOrDefault(base, new TreeSet<>())) {
                    Document inLive = liveDocuments
                            .find(Filters.eq(VersionedDocuments.ID, id))
                            .first();
                    Document inFresh = freshDocuments
                            .find(Filters.eq(VersionedDocuments.ID, id))
                            .first();
                    Difference difference = differenceOf(base, id, inLive, inFresh);
                    if (difference != null) {
                        differences.add(difference);
                    }
                }
            }
        }
        return differences;
    }

    /** Walks both collections in id order side by side. */
    private static void mergeCompare(
            String base,
            MongoCollection<Document> liveDocuments,
            MongoCollection<Document> freshDocuments,
            List<Difference> differences) {
        try (MongoCursor<Document> liveCursor = liveDocuments
                        .find()
                        .sort(Sorts.ascending(VersionedDocuments.ID))
                        .batchSize(1_000)
                        .iterator();
                MongoCursor<Document> freshCursor = freshDocuments
                        .find()
                        .sort(Sorts.ascending(VersionedDocuments.ID))
                        .batchSize(1_000)
                        .iterator()) {
            Document inLive = liveCursor.hasNext() ? liveCursor.next() : null;
            Document inFresh = freshCursor.hasNext() ? freshCursor.next() : null;
            while (inLive != null || inFresh != null) {
                int order =
                        inLive == null ? 1 : inFresh == null ? -1 : idOf(inLive).compareTo(idOf(inFresh));
                Difference difference;
                if (order == 0) {
                    difference = differenceOf(base, idOf(inLive), inLive, inFresh);
                    inLive = liveCursor.hasNext() ? liveCursor.next() : null;
                    inFresh = freshCursor.hasNext() ? freshCursor.next() : null;
                } else if (order < 0) {
                    difference = differenceOf(base, idOf(inLive), inLive, null);
                    inLive = liveCursor.hasNext() ? liveCursor.next() : null;
                } else {
                    difference = differenceOf(base, idOf(inFresh), null, inFresh);
                    inFresh = freshCursor.hasNext() ? freshCursor.next() : null;
                }
                if (difference != null) {
                    differences.add(difference);
                }
            }
        }
    }

    private static String idOf(Document document) {
        return String.valueOf(document.get(VersionedDocuments.ID));
    }

    private static Difference differenceOf(String base, String id, Document inLive, Document inFresh) {
        if (inLive == null && inFresh == null) {
            return null;
        }
        if (inLive == null) {
            return new Difference(base, id, "MISSING", List.of());
        }
        if (inFresh == null) {
            return new Difference(base, id, "EXTRA", List.of());
        }
        TreeSet<String> fields = new TreeSet<>(inLive.keySet());
        fields.addAll(inFresh.keySet());
        fields.removeAll(OWN_POSITION);
        List<String> apart = new ArrayList<>();
        for (String field : fields) {
            if (!Objects.equals(inLive.get(field), inFresh.get(field))) {
                apart.add(field);
            }
        }
        return apart.isEmpty() ? null : new Difference(base, id, "DIFFERENT", apart);
    }
}
