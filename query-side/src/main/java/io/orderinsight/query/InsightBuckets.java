package io.orderinsight.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.orderinsight.projections.insight.InsightCollections;
import io.orderinsight.projections.insight.InsightCollections.Figures;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads the hour documents of insight minute by minute. A window covers every minute it touches: a minute counts
 * when its start is in [from truncated to the minute, to).
 */
final class InsightBuckets {

    /** One minute of an hour document: its entry under the map field {@code entries}. */
    interface MinuteVisitor {
        void visit(Document hour, String entries, Instant minute, Document values);
    }

    private InsightBuckets() {}

    static void eachMinute(
            MongoCollection<Document> collection,
            Window window,
            String currency,
            List<String> entries,
            MinuteVisitor visitor) {
        List<Bson> filters = new ArrayList<>();
        if (window.from() != null) {
            filters.add(
                    Filters.gte(InsightCollections.HOUR, Date.from(window.from().truncatedTo(ChronoUnit.HOURS))));
        }
        if (window.to() != null) {
            filters.add(Filters.lt(InsightCollections.HOUR, Date.from(window.to())));
        }
        if (currency != null) {
            filters.add(Filters.eq(InsightCollections.CURRENCY, currency));
        }
        Instant firstMinute = window.from() == null ? null : window.from().truncatedTo(ChronoUnit.MINUTES);
        // bounded batches: mongo-java-server does not split a large reply by size itself
        for (Document hour : collection
                .find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .batchSize(1_000)) {
            Instant start = hour.getDate(InsightCollections.HOUR).toInstant();
            for (String field : entries) {
                Document minutes = hour.get(field, Document.class);
                for (var entry : (minutes == null ? new Document() : minutes).entrySet()) {
                    Instant minute = start.plus(Long.parseLong(entry.getKey()), ChronoUnit.MINUTES);
                    if ((firstMinute == null || !minute.isBefore(firstMinute))
                            && (window.to() == null || minute.isBefore(window.to()))) {
                        visitor.visit(hour, field, minute, (Document) entry.getValue());
                    }
                }
            }
        }
    }

    static SalesFigures figures(Document minute) {
        long[] sums = new long[SalesFigures.FIELDS];
        add(sums, minute);
        return SalesFigures.of(sums);
    }

    /**
     * Adds the figures of one entry (a minute, or a member's in a period) to {@code sums}, in the order of
     * {@link SalesFigures}'s components: one pass over the fields the entry has, instead of a lookup of each.
     */
    static void add(long[] sums, Document figures) {
        for (var field : figures.entrySet()) {
            int at = switch (field.getKey()) {
                case Figures.ORDERS -> 0;
                case Figures.GMV -> 1;
                case Figures.CAPTURED -> 2;
                case Figures.REFUNDED -> 3;
                case Figures.CANCELLED -> 4;
                case Figures.DECLINES -> 5;
                case Figures.ATTEMPTS -> 6;
                default -> -1;
            };
            if (at >= 0 && field.getValue() instanceof Number value) {
                sums[at] += value.longValue();
            }
        }
    }
}
