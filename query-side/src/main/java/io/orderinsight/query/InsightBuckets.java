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

    /** One minute of an hour document. */
    interface MinuteVisitor {
        void visit(Document hour, Instant minute, Document figures);
    }

    private InsightBuckets() {}

    static void eachMinute(
            MongoCollection<Document> collection,
            Window window,
            String currency,
            String entries,
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
            Document minutes = hour.get(entries, Document.class);
            if (minutes == null) {
                continue;
            }
            Instant start = hour.getDate(InsightCollections.HOUR).toInstant();
            for (var entry : minutes.entrySet()) {
                Instant minute = start.plus(Long.parseLong(entry.getKey()), ChronoUnit.MINUTES);
                if ((firstMinute == null || !minute.isBefore(firstMinute))
                        && (window.to() == null || minute.isBefore(window.to()))) {
                    visitor.visit(hour, minute, (Document) entry.getValue());
                }
            }
        }
    }

    static SalesFigures figures(Document minute) {
        return new SalesFigures(
                count(minute, Figures.ORDERS),
                count(minute, Figures.GMV),
                count(minute, Figures.CAPTURED),
                count(minute, Figures.REFUNDED),
                count(minute, Figures.CANCELLED),
                count(minute, Figures.DECLINES),
                count(minute, Figures.ATTEMPTS));
    }

    static long count(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
