package io.orderinsight.infra.generations;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.LiveGenerations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * The pointer documents of blue/green rebuilds ({@code projection_generations}, one per projection): which generation
 * readers use, which one is being built, and which retired ones still wait to be dropped. Every change is one atomic
 * update of one document, so two nodes can never both start a rebuild or both switch. Readers look the live
 * generation up through a cache of {@link #CACHE_FOR}; retired generations are dropped well after that.
 */
public class GenerationPointers implements LiveGenerations {

    public static final String COLLECTION = "projection_generations";

    /** How long a reader may keep using the generation it looked up. */
    public static final Duration CACHE_FOR = Duration.ofMillis(500);

    private static final String LIVE = "live";
    private static final String LATEST = "latest";
    private static final String BUILDING = "building";
    private static final String JOB = "job";
    private static final String BUILDING_SINCE = "buildingSince";
    private static final String BUILDING_UNTIL = "buildingUntil";
    private static final String SWITCHED_AT = "switchedAt";
    private static final String RETIRED = "retired";
    private static final String GENERATION = "generation";
    private static final String AT = "at";

    private final MongoCollection<Document> pointers;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public GenerationPointers(MongoDatabase database, Clock clock) {
        this.pointers = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** A retired generation, switched away from at {@code at}, still to be dropped. */
    public record Retired(int generation, Instant at) {}

    /**
     * @param building the generation being rebuilt, or null
     * @param job the rebuild's job, or null
     * @param buildingUntil the head of the event store when the rebuild began: the generation being built takes over
     *     only once it has reached it, whatever the live one's position
     */
    public record Pointer(
            String projection, int live, Integer building, String job, long buildingUntil, List<Retired> retired) {

        public Generation liveGeneration() {
            return Generation.of(projection, live);
        }

        public Generation buildingGeneration() {
            return building == null ? null : Generation.of(projection, building);
        }
    }

    public Pointer read(String projection) {
        Document stored = pointers.find(eq("_id", projection)).first();
        if (stored == null) {
            return new Pointer(projection, Generation.FIRST, null, null, -1, List.of());
        }
        List<Retired> retired = new ArrayList<>();
        for (Document entry : stored.getList(RETIRED, Document.class, List.of())) {
            retired.add(
                    new Retired(entry.getInteger(GENERATION), entry.getDate(AT).toInstant()));
        }
        return new Pointer(
                projection,
                stored.getInteger(LIVE, Generation.FIRST),
                stored.getInteger(BUILDING),
                stored.getString(JOB),
                stored.get(BUILDING_UNTIL, -1L),
                retired);
    }

    @Override
    public Generation live(String projection) {
        Instant now = clock.instant();
        Cached cached = cache.get(projection);
        if (cached == null || cached.until.isBefore(now)) {
            cached = new Cached(read(projection).liveGeneration(), now.plus(CACHE_FOR));
            cache.put(projection, cached);
        }
        return cached.generation;
    }

    /**
     * Reserves the next generation of {@code projection} for a rebuild that must reach {@code head}, or answers null
     * while one is being built.
     */
    public Generation beginBuilding(String projection, long head) {
        pointers.updateOne(
                eq("_id", projection),
                Updates.combine(
                        Updates.setOnInsert(LIVE, Generation.FIRST), Updates.setOnInsert(LATEST, Generation.FIRST)),
                new UpdateOptions().upsert(true));
        Document current = pointers.find(eq("_id", projection)).first();
        if (current == null || current.get(BUILDING) != null) {
            return null;
        }
        int latest = current.getInteger(LATEST, current.getInteger(LIVE, Generation.FIRST));
        Document reserved = pointers.findOneAndUpdate(
                and(eq("_id", projection), eq(LATEST, latest), eq(BUILDING, null)),
                Updates.combine(
                        Updates.set(LATEST, latest + 1),
                        Updates.set(BUILDING, latest + 1),
                        Updates.set(BUILDING_SINCE, Date.from(clock.instant())),
                        Updates.set(BUILDING_UNTIL, head)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return reserved == null ? null : Generation.of(projection, latest + 1);
    }

    public void attachJob(Generation building, String jobId) {
        pointers.updateOne(
                and(eq("_id", building.projection()), eq(BUILDING, building.number())), Updates.set(JOB, jobId));
    }

    /** Gives a reservation back (its job could not start). */
    public void abandon(Generation building) {
        pointers.updateOne(
                and(eq("_id", building.projection()), eq(BUILDING, building.number())),
                Updates.combine(
                        Updates.unset(BUILDING),
                        Updates.unset(JOB),
                        Updates.unset(BUILDING_SINCE),
                        Updates.unset(BUILDING_UNTIL)));
    }

    /**
     * Switches readers from the live generation to {@code building} and retires the old one; false if another node
     * already did, or the rebuild is no longer the current one.
     */
    public boolean switchOver(Generation building, int live) {
        Instant now = clock.instant();
        long changed = pointers.updateOne(
                        and(eq("_id", building.projection()), eq(BUILDING, building.number()), eq(LIVE, live)),
                        Updates.combine(
                                Updates.set(LIVE, building.number()),
                                Updates.set(SWITCHED_AT, Date.from(now)),
                                Updates.unset(BUILDING),
                                Updates.unset(JOB),
                                Updates.unset(BUILDING_SINCE),
                                Updates.unset(BUILDING_UNTIL),
                                Updates.push(RETIRED, new Document(GENERATION, live).append(AT, Date.from(now)))))
                .getModifiedCount();
        cache.remove(building.projection());
        return changed == 1;
    }

    /** The retired generation's collections and tokens are gone. */
    public void dropped(String projection, int generation) {
        List<Document> kept = new ArrayList<>();
        for (Retired retired : read(projection).retired()) {
            if (retired.generation() != generation) {
                kept.add(new Document(GENERATION, retired.generation()).append(AT, Date.from(retired.at())));
            }
        }
        pointers.updateOne(eq("_id", projection), Updates.set(RETIRED, kept));
    }

    private record Cached(Generation generation, Instant until) {}
}
