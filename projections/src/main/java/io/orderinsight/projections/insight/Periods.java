package io.orderinsight.projections.insight;

import io.orderinsight.projections.support.CounterChanges;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * The period documents of {@code sales_totals} an event at a time counts into, made known to its changes: the hour of
 * the order's currency, the day and the month roll-ups, and the calendar of the hours counted. Sales and the funnel
 * count into the same documents.
 */
final class Periods {

    /** How many hours' ids are remembered; beyond it they are forgotten and worked out again. */
    private static final int REMEMBERED = 4096;

    private final InsightProjection insight;

    /**
     * The ids and bounds of the hours recently counted into, by currency and hour: an event's hour, day and month are
     * worked out once for all the events of its hour (every counted event asks, two or three times), not by formatting
     * dates for each. Shared by the segments' threads.
     */
    private final Map<Hour, HourIds> known = new ConcurrentHashMap<>();

    Periods(InsightProjection insight) {
        this.insight = insight;
    }

    /** The id of the hour document of the order's currency that {@code at} falls in, made known to the changes. */
    String hour(CounterChanges writes, InsightOrder order, Instant at) {
        HourIds ids = idsOf(order.currency(), at);
        writes.identify(
                insight.totals,
                ids.hour(),
                new Document(InsightCollections.CURRENCY, ids.currency())
                        .append(InsightCollections.HOUR, new Date(ids.hourStart())));
        return ids.hour();
    }

    /** The ids of the day and month documents of the order's currency that {@code at} falls in, made known. */
    List<String> rollups(CounterChanges writes, InsightOrder order, Instant at) {
        HourIds ids = idsOf(order.currency(), at);
        rollup(writes, ids, InsightCollections.DAY, ids.day(), ids.dayStart());
        rollup(writes, ids, InsightCollections.MONTHLY, ids.month(), ids.monthStart());
        return ids.rollups();
    }

    /**
     * Makes the day or month document {@code id} known to the changes; and the calendar, which remembers the currency
     * and widens its first and last time to the hour.
     */
    private void rollup(CounterChanges writes, HourIds ids, String rollup, String id, long start) {
        writes.identify(
                insight.totals,
                id,
                new Document(InsightCollections.CURRENCY, ids.currency())
                        .append(InsightCollections.ROLLUP, rollup)
                        .append(InsightCollections.START, new Date(start)));
        // the hour only: most batches find the calendar holding their bounds already, and leave it unwritten
        Date hour = new Date(ids.hourStart());
        writes.identify(
                        insight.totals,
                        InsightCollections.CALENDAR,
                        new Document(InsightCollections.ROLLUP, InsightCollections.CALENDAR))
                .addToSet(insight.totals, InsightCollections.CALENDAR, SalesCalendar.CURRENCIES, ids.currency())
                .earliest(insight.totals, InsightCollections.CALENDAR, SalesCalendar.firstOf(ids.currency()), hour)
                .latest(insight.totals, InsightCollections.CALENDAR, SalesCalendar.lastOf(ids.currency()), hour);
    }

    private HourIds idsOf(String currency, Instant at) {
        Hour hour = new Hour(currency, Math.floorDiv(at.getEpochSecond(), 3600));
        HourIds ids = known.get(hour);
        if (ids == null) {
            if (known.size() >= REMEMBERED) {
                known.clear();
            }
            ids = HourIds.of(currency, at);
            known.put(hour, ids);
        }
        return ids;
    }

    private record Hour(String currency, long epochHour) {}

    /** The ids of an hour's documents of one currency and when each period begins (epoch milliseconds). */
    private record HourIds(
            String currency,
            String hour,
            long hourStart,
            String day,
            long dayStart,
            String month,
            long monthStart,
            List<String> rollups) {

        static HourIds of(String currency, Instant at) {
            String day = InsightCollections.rollupId(currency, InsightCollections.DAY, at);
            String month = InsightCollections.rollupId(currency, InsightCollections.MONTHLY, at);
            return new HourIds(
                    currency,
                    InsightCollections.hourId(currency, at),
                    InsightCollections.hourOf(at).toEpochMilli(),
                    day,
                    InsightCollections.startOf(InsightCollections.DAY, at).toEpochMilli(),
                    month,
                    InsightCollections.startOf(InsightCollections.MONTHLY, at).toEpochMilli(),
                    List.of(day, month));
        }
    }
}
