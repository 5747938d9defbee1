package io.orderinsight.projections.insight;

import io.orderinsight.projections.support.CounterChanges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The period documents of {@code sales_totals} an event at a time counts into, made known to its changes: the hour of
 * the order's currency, the day and the month roll-ups, and the calendar of the hours counted. Sales and the funnel
 * count into the same documents.
 */
final class Periods {

    private static final List<String> ROLLUPS = List.of(InsightCollections.DAY, InsightCollections.MONTHLY);

    private final InsightProjection insight;

    Periods(InsightProjection insight) {
        this.insight = insight;
    }

    /** The id of the hour document of the order's currency that {@code at} falls in, made known to the changes. */
    String hour(CounterChanges writes, InsightOrder order, Instant at) {
        String currency = order.currency();
        String id = InsightCollections.hourId(currency, at);
        writes.identify(
                insight.totals,
                id,
                new Document(InsightCollections.CURRENCY, currency)
                        .append(InsightCollections.HOUR, Date.from(InsightCollections.hourOf(at))));
        return id;
    }

    /** The ids of the day and month documents of the order's currency that {@code at} falls in, made known. */
    List<String> rollups(CounterChanges writes, InsightOrder order, Instant at) {
        List<String> ids = new ArrayList<>(ROLLUPS.size());
        for (String rollup : ROLLUPS) {
            ids.add(rollup(writes, order, rollup, at));
        }
        return ids;
    }

    /**
     * The id of the day or month document of the order's currency that {@code at} falls in, made known to the changes;
     * and the calendar, which remembers the currency and widens its first and last time to {@code at}.
     */
    private String rollup(CounterChanges writes, InsightOrder order, String rollup, Instant at) {
        String currency = order.currency();
        String id = InsightCollections.rollupId(currency, rollup, at);
        writes.identify(
                insight.totals,
                id,
                new Document(InsightCollections.CURRENCY, currency)
                        .append(InsightCollections.ROLLUP, rollup)
                        .append(InsightCollections.START, Date.from(InsightCollections.startOf(rollup, at))));
        // the hour only: most batches find the calendar holding their bounds already, and leave it unwritten
        Date hour = Date.from(InsightCollections.hourOf(at));
        writes.identify(
                        insight.totals,
                        InsightCollections.CALENDAR,
                        new Document(InsightCollections.ROLLUP, InsightCollections.CALENDAR))
                .addToSet(insight.totals, InsightCollections.CALENDAR, SalesCalendar.CURRENCIES, currency)
                .earliest(insight.totals, InsightCollections.CALENDAR, SalesCalendar.firstOf(currency), hour)
                .latest(insight.totals, InsightCollections.CALENDAR, SalesCalendar.lastOf(currency), hour);
        return id;
    }
}
