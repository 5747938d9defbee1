package io.orderinsight.projections.insight;

import io.orderinsight.projections.support.FieldKeys;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The counter read models of insight, all kept by {@link InsightProjection} and written exactly once per event
 * through position-guarded updates. Figures are in minor units of the document's currency and dated by the event that
 * caused them (a capture counts in the minute it happened, not in the order's).
 *
 * <p>{@code sales_totals}: one document per currency and hour ({@code currency}, {@code hour}); under
 * {@code m.<minute>} the {@link Figures} of that minute, and under {@code f.<minute>} the funnel of the orders placed
 * in that minute ({@link Funnel}). Small by construction: the overview and the funnel read only these.
 *
 * <p>Beside its hour documents, {@code sales_totals} keeps roll-ups kept by the same exact counters, so that a query
 * reads a bounded number of documents whatever the volume: one document per currency and day, and per currency and
 * month ({@link #ROLLUP} {@code day} or {@code month}, from {@link #START}), with the period's {@link Figures} under
 * {@code m} and the funnel of the orders placed in it under {@code f}; and one {@link #CALENDAR} document, a
 * {@link SalesCalendar}, from which a query works out the ids of the documents a window needs.
 * Kept by the hour, the calendar changes about once an hour, and batches whose bounds it holds leave it unwritten.
 *
 * <p>The hour, day and month documents of {@code sales_totals} also keep the same figures by one dimension at a time
 * ({@link #GROUPED}, {@code g.<dimension>}: by seller, shipping country, channel and category), so sales grouped by one
 * of them read the same bounded set of documents as the totals, inside the documents every batch writes anyway; the
 * category figures follow {@code sales_groups}' rule below. They keep the pairs of {@link #PAIRS} the same way (country
 * × channel, country × category, channel × category). Sales grouped by any other set of dimensions read
 * {@code sales_groups}.
 *
 * <p>{@code sales_groups}: one document per currency, hour, seller, shipping country and channel; under
 * {@code m.<minute>} the {@link Figures} of that minute, and under {@code m.<minute>.c.<category>} the category's
 * share: its order and attempt counts (each order counts once in every category it has a line in) and the money allocated
 * over its categories by line value, exactly (the rounding remainder goes to the largest lines).
 *
 * <p>{@code seller_months}: one document per seller, month (UTC) and currency: a {@link SellerMonth}.
 *
 * <p>{@code customer_profiles}: one document per customer: a {@link CustomerProfile}.
 *
 * <p>{@code insight_orders}: one {@link InsightOrder} per order, what the projection needs to know about it to place
 * its later events, the funnel stages it has reached and the refunds paid out on it.
 */
public final class InsightCollections {

    public static final String SALES_TOTALS = "sales_totals";
    public static final String SALES_GROUPS = "sales_groups";
    public static final String SELLER_MONTHS = "seller_months";
    public static final String CUSTOMER_PROFILES = "customer_profiles";
    public static final String ORDERS = "insight_orders";

    public static final String CURRENCY = "currency";
    public static final String HOUR = "hour";
    public static final String SELLER_ID = "sellerId";
    public static final String COUNTRY = "country";
    public static final String CHANNEL = "channel";
    public static final String MONTH = "month";
    public static final String MINUTES = "m";
    public static final String FUNNEL = "f";
    public static final String CATEGORIES = "c";

    /**
     * Section of the hour, day and month documents of {@code sales_totals}: their figures by one dimension at a time,
     * {@code g.<dimension>.<minute>.<member>} in an hour document and {@code g.<dimension>.<member>} in a day or month
     * document ({@link #DIMENSIONS}; members as {@link io.orderinsight.projections.support.FieldKeys} keys).
     */
    public static final String GROUPED = "g";

    /** The dimensions of {@link #GROUPED}: seller, shipping country, channel and category (as sales name them). */
    public static final String SELLER = "seller";

    public static final String CATEGORY = "category";
    public static final List<String> DIMENSIONS = List.of(SELLER, COUNTRY, CHANNEL, CATEGORY);

    /**
     * The pairs of dimensions the hour, day and month documents of {@code sales_totals} also keep, in the same shape as
     * one dimension ({@link #GROUPED}, {@code g.<first>~<second>}, members as {@link #pairKey}): those of few members
     * each. Pairs with the seller are not kept there (thousands of sellers times the other members would outgrow a
     * month's document); sales grouped by them read {@code sales_groups}.
     */
    public static final List<List<String>> PAIRS =
            List.of(List.of(COUNTRY, CHANNEL), List.of(COUNTRY, CATEGORY), List.of(CHANNEL, CATEGORY));

    /** The section name of a pair of {@link #PAIRS}. */
    public static String pairSection(List<String> pair) {
        return pair.get(0) + "~" + pair.get(1);
    }

    /** The pair of {@link #PAIRS} made of exactly {@code dimensions}, in the order the pair keeps them. */
    public static Optional<List<String>> pairOf(Collection<String> dimensions) {
        return PAIRS.stream()
                .filter(pair -> dimensions.size() == 2 && dimensions.containsAll(pair))
                .findFirst();
    }

    /** The key of a member of a pair: each value as a field key, {@code |} escaped, joined by {@code |}. */
    public static String pairKey(String first, String second) {
        return pairPart(first) + "|" + pairPart(second);
    }

    /** The two values of a {@link #pairKey}. */
    public static List<String> pairMembers(String key) {
        int separator = key.indexOf('|');
        return List.of(
                FieldKeys.decode(key.substring(0, separator).replace("%7C", "|")),
                FieldKeys.decode(key.substring(separator + 1).replace("%7C", "|")));
    }

    private static String pairPart(String value) {
        // FieldKeys escapes % first, so a %7C in the result can only stand for a |
        return FieldKeys.encode(value).replace("|", "%7C");
    }

    /** Field of a roll-up document of {@code sales_totals}: {@code day}, {@code month} or {@code calendar}. */
    public static final String ROLLUP = "rollup";

    public static final String DAY = "day";
    public static final String MONTHLY = "month";

    /** Field of a day or month document: when its period begins. */
    public static final String START = "start";

    /** The id of the calendar document of {@code sales_totals}, a {@link SalesCalendar}. */
    public static final String CALENDAR = "calendar";

    private static final DateTimeFormatter MONTH_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    /** Field names of a minute's figures. */
    public static final class Figures {
        public static final String ORDERS = "orders";
        public static final String GMV = "gmv";
        public static final String CAPTURED = "captured";
        public static final String REFUNDED = "refunded";
        public static final String CANCELLED = "cancelled";
        public static final String DECLINES = "declines";
        public static final String ATTEMPTS = "attempts";

        private Figures() {}
    }

    /** Funnel stages after placement (placement itself is {@link Figures#ORDERS} of the same minute). */
    public static final class Funnel {
        public static final String AUTHORIZED = "authorized";
        public static final String CAPTURED = "captured";
        public static final String SHIPPED = "shipped";
        public static final String DELIVERED = "delivered";

        private Funnel() {}
    }

    public static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    private static final String[] MINUTE_KEYS = IntStream.range(0, 60)
            .mapToObj(minute -> String.format("%02d", minute))
            .toArray(String[]::new);

    /** The key of a minute within its hour document, {@code 00} to {@code 59}. */
    public static String minuteKey(Instant at) {
        // the minute of the hour in UTC, which counts no leap seconds: every counted event asks, often twice
        return MINUTE_KEYS[(int) Math.floorMod(Math.floorDiv(at.getEpochSecond(), 60), 60)];
    }

    public static String monthOf(Instant at) {
        return MONTH_FORMAT.format(at);
    }

    /** The id of the hour document of {@code sales_totals} of {@code currency} that {@code at} falls in. */
    public static String hourId(String currency, Instant at) {
        return currency + "|" + hourOf(at);
    }

    /** The id of the day or month document ({@code rollup}) of {@code currency} that {@code at} falls in. */
    public static String rollupId(String currency, String rollup, Instant at) {
        return currency + "|" + rollup + "|" + (rollup.equals(DAY) ? dayOf(at) : monthOf(at));
    }

    /** When the day or month ({@code rollup}) that {@code at} falls in begins (UTC). */
    public static Instant startOf(String rollup, Instant at) {
        java.time.LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        return (rollup.equals(DAY) ? day : day.withDayOfMonth(1)).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static String dayOf(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private InsightCollections() {}
}
