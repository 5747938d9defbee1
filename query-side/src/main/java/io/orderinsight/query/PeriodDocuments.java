package io.orderinsight.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.orderinsight.projections.support.VersionedDocuments;
import io.orderinsight.projections.support.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The counters' period documents as the queries read them, kept in memory by collection, id, sections asked for and
 * revision. Every write of a counter document moves its revision ({@link WriteBatch#REVISION}), so a copy kept at the
 * revision the store still has is the document as it is: a query first asks the store for the revisions of the
 * documents it needs (a few bytes each), takes those it holds at that revision from here, and reads only the rest in
 * full. Past days and months rarely change; the current hour, day and month are read again while they do. A copy is
 * never changed once kept (readers only read it).
 *
 * <p>Bounded by {@code orderinsight.insight.cache.entries}: the number of figure entries kept (each a document of a few
 * numbers: a member's figures in a day, or a minute's), least used first out; 0 keeps nothing. At 2,000 sellers a
 * day's section by seller is about 2,000 entries, up to about 2 MB on the heap.
 */
@Component
public class PeriodDocuments {

    private static final int IDS_PER_QUERY = 500;

    private final Cache<Key, Kept> kept;
    private final LongAdder taken = new LongAdder();
    private final LongAdder readInFull = new LongAdder();

    public PeriodDocuments(InsightCacheProperties properties) {
        this.kept = properties.entries() <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(properties.entries())
                        .weigher((Key key, Kept value) -> value.weight())
                        .build();
    }

    /** Reading every document from the store, keeping nothing (a scratch read model, read once). */
    public static PeriodDocuments uncached() {
        return new PeriodDocuments(new InsightCacheProperties(0));
    }

    private record Key(String namespace, String id, List<String> sections) {}

    private record Kept(long revision, Document document, int weight) {}

    /** Documents taken from the kept copies since start, unchanged since kept. */
    public long taken() {
        return taken.sum();
    }

    /** Documents read in full from the store since start. */
    public long readInFull() {
        return readInFull.sum();
    }

    /** Entries kept now, by the weigher's count. */
    public long entries() {
        return kept == null
                ? 0
                : kept.policy()
                        .eviction()
                        .map(eviction -> eviction.weightedSize().orElse(0))
                        .orElse(0L);
    }

    /** The documents of {@code ids} that exist, by id, with only {@code sections} (and {@code _id}). */
    public Map<String, Document> read(MongoCollection<Document> collection, List<String> ids, List<String> sections) {
        Map<String, Document> found = new HashMap<>();
        if (kept == null) {
            each(collection, ids, sections, document -> found.put(document.getString(VersionedDocuments.ID), document));
            readInFull.add(found.size());
            return found;
        }
        String namespace = collection.getNamespace().getFullName();
        List<String> stale = new ArrayList<>();
        each(collection, ids, List.of(WriteBatch.REVISION), current -> {
            String id = current.getString(VersionedDocuments.ID);
            Number revision = current.get(WriteBatch.REVISION, Number.class);
            Kept copy = revision == null ? null : kept.getIfPresent(new Key(namespace, id, sections));
            if (copy != null && copy.revision() == revision.longValue()) {
                found.put(id, copy.document());
                taken.increment();
            } else {
                stale.add(id);
            }
        });
        List<String> withRevision = new ArrayList<>(sections);
        withRevision.add(WriteBatch.REVISION);
        each(collection, stale, withRevision, document -> {
            String id = document.getString(VersionedDocuments.ID);
            found.put(id, document);
            readInFull.increment();
            // a document from before revisions cannot say whether it changed: it is read each time
            Number revision = document.get(WriteBatch.REVISION, Number.class);
            if (revision != null) {
                kept.put(new Key(namespace, id, sections), new Kept(revision.longValue(), document, weight(document)));
            }
        });
        return found;
    }

    private static void each(
            MongoCollection<Document> collection, List<String> ids, List<String> fields, Consumer<Document> reader) {
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            collection
                    .find(Filters.in(
                            VersionedDocuments.ID, ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))))
                    .projection(Projections.include(fields))
                    .forEach(reader);
        }
    }

    /** The documents nested in {@code document}: one per figure entry, and one per level above them. */
    private static int weight(Document document) {
        int weight = 1;
        for (Object value : document.values()) {
            if (value instanceof Document nested) {
                weight += weight(nested);
            }
        }
        return weight;
    }
}
