package io.orderinsight.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import io.orderinsight.domain.insight.FindFunnelQuery;
import io.orderinsight.domain.insight.FindOverviewQuery;
import io.orderinsight.domain.insight.FindSalesQuery;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.projections.insight.InsightCollections;
import io.orderinsight.projections.insight.InsightCollections.Figures;
import io.orderinsight.projections.risk.AlertView;
import io.orderinsight.projections.risk.RiskCollections;
import io.orderinsight.projections.support.Counts;
import io.orderinsight.projections.support.FieldKeys;
import io.orderinsight.projections.support.ProjectionNames;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Query handlers of insight, from the counters of the insight projection: the overview and the funnel from the
 * per-currency month, day and hour documents ({@link TotalsCover}); sales time series from the same documents,
 * grouped by one dimension or a pair the counters keep ({@link InsightCollections#PAIRS}) from their sections, and
 * grouped by any other set from the seller × country × channel hour documents with their category shares.
 */
@Component
public class InsightQueries {
    private final ReadModels readModels;

    private MongoCollection<Document> totals() {
        return readModels.collection(ProjectionNames.INSIGHT, InsightCollections.SALES_TOTALS);
    }

    private MongoCollection<Document> groups() {
        return readModels.collection(ProjectionNames.INSIGHT, InsightCollections.SALES_GROUPS);
    }

    private MongoCollection<Document> alerts() {
        return readModels.collection(ProjectionNames.VIEWS, RiskCollections.ALERTS);
    }

    private static final List<String> PROJECTIONS = List.of(ProjectionNames.INSIGHT);
    static final List<String> GROUPS = List.of("seller", "country", "category", "channel");
    /** Buckets of a minute, an hour or a day; or {@code TOTAL}, one bucket for the whole window. */
    static final List<String> GRANULARITIES = List.of("MINUTE", "HOUR", "DAY", "TOTAL");

    private final ProjectionClock clock;
    private final ReportingProperties reporting;
    private final PeriodDocuments periods;

    public InsightQueries(
            ReadModels readModels, ProjectionClock clock, ReportingProperties reporting, PeriodDocuments periods) {
        this.readModels = readModels;
        this.clock = clock;
        this.reporting = reporting;
        this.periods = periods;
    }

    /** Figures derived from {@link SalesFigures}; rates are fractions (0.05 = 5%). */
    public record Overview(
            long orders,
            long gmv,
            long captured,
            long refunded,
            long netRevenue,
            long averageOrderValue,
            double declineRate,
            double refundRate,
            double cancellationRate,
            long openAlerts,
            long moneyAtRisk) {

        static Overview of(SalesFigures figures) {
            return new Overview(
                    figures.orders(),
                    figures.gmv(),
                    figures.captured(),
                    figures.refunded(),
                    figures.captured() - figures.refunded(),
                    figures.orders() == 0 ? 0 : figures.gmv() / figures.orders(),
                    ratio(figures.declines(), figures.paymentAttempts()),
                    ratio(figures.refunded(), figures.captured()),
                    ratio(figures.cancelled(), figures.orders()),
                    0,
                    0);
        }

        Overview withAlerts(long open, long atRisk) {
            return new Overview(
                    orders,
                    gmv,
                    captured,
                    refunded,
                    netRevenue,
                    averageOrderValue,
                    declineRate,
                    refundRate,
                    cancellationRate,
                    open,
                    atRisk);
        }
    }

    /**
     * Per-currency figures in minor units of each currency; {@code combined} in minor units of the reporting currency
     * over the currencies that have a configured rate ({@code unconverted} lists the others).
     */
    public record OverviewResponse(
            Instant from,
            Instant to,
            String reportingCurrency,
            Map<String, Overview> currencies,
            Overview combined,
            List<String> unconverted,
            Freshness freshness) {}

    public record SalesBucket(Instant bucket, Map<String, String> group, String currency, SalesFigures figures) {}

    public record SalesResponse(
            Instant from,
            Instant to,
            String granularity,
            List<String> groupBy,
            List<SalesBucket> items,
            Freshness freshness) {}

    public record Funnel(
            long placed,
            long authorized,
            long captured,
            long shipped,
            long delivered,
            Map<String, Double> conversion,
            Freshness freshness) {}

    @QueryHandler
    public OverviewResponse handle(FindOverviewQuery query) {
        Window window = new Window(query.from(), query.to());
        String only = query.currency();
        Freshness freshness = clock.freshnessOf(PROJECTIONS);
        Map<String, SalesFigures> byCurrency = new TreeMap<>();
        TotalsCover.each(
                totals(),
                periods,
                window,
                only,
                ChronoUnit.MONTHS,
                List.of(InsightCollections.MINUTES),
                (currency, section, start, figures) ->
                        byCurrency.merge(currency, InsightBuckets.figures(figures), SalesFigures::plus));
        byCurrency.values().removeIf(SalesFigures::none);
        Map<String, long[]> openAlerts = openAlerts(window, only);
        Map<String, Overview> currencies = new LinkedHashMap<>();
        byCurrency.forEach((code, figures) -> currencies.put(code, Overview.of(figures)));
        openAlerts.forEach((code, alerts) -> {
            if (!code.isEmpty()) {
                currencies.compute(
                        code,
                        (key, overview) -> (overview == null ? Overview.of(SalesFigures.ZERO) : overview)
                                .withAlerts(alerts[0], alerts[1]));
            }
        });
        long combinedOpen = 0;
        BigDecimal combinedAtRisk = BigDecimal.ZERO;
        for (var entry : openAlerts.entrySet()) {
            combinedOpen += entry.getValue()[0];
            BigDecimal rate = entry.getKey().isEmpty() ? null : reporting.rateOf(entry.getKey());
            if (rate != null) {
                combinedAtRisk =
                        combinedAtRisk.add(BigDecimal.valueOf(reporting.convert(entry.getValue()[1], entry.getKey())));
            }
        }
        SalesFigures combined = SalesFigures.ZERO;
        List<String> unconverted = new ArrayList<>();
        for (var entry : byCurrency.entrySet()) {
            BigDecimal rate = reporting.rateOf(entry.getKey());
            if (rate == null) {
                unconverted.add(entry.getKey());
            } else {
                combined = combined.plus(convert(entry.getValue(), entry.getKey()));
            }
        }
        return new OverviewResponse(
                window.from(),
                window.to(),
                reporting.currency(),
                currencies,
                Overview.of(combined).withAlerts(combinedOpen, combinedAtRisk.longValue()),
                unconverted,
                freshness);
    }

    /** Open alerts raised in the window and their money at risk, per currency ("" for alerts that name none). */
    private Map<String, long[]> openAlerts(Window window, String only) {
        Map<String, long[]> open = new TreeMap<>();
        for (Document stored :
                alerts().find(eq(AlertView.STATUS, AlertStatus.OPEN.name())).batchSize(1_000)) {
            AlertView alert = AlertView.of(stored);
            Instant raisedAt = alert.raisedAt();
            String currency = alert.currency();
            if (!window.contains(raisedAt) || (only != null && currency != null && !only.equals(currency))) {
                continue;
            }
            long[] figures = open.computeIfAbsent(currency == null ? "" : currency, code -> new long[2]);
            figures[0]++;
            figures[1] += alert.moneyAtRisk() == null ? 0 : alert.moneyAtRisk();
        }
        return open;
    }

    @QueryHandler
    public SalesResponse handle(FindSalesQuery query) {
        Window window = new Window(query.from(), query.to());
        String granularity = query.granularity();
        ChronoUnit unit = unitOf(granularity);
        List<String> groups = query.groupBy();
        String only = query.currency();
        Freshness freshness = clock.freshnessOf(PROJECTIONS);
        Map<SalesKey, SalesFigures> series = new TreeMap<>();
        Buckets buckets = new Buckets(unit);
        boolean byCategory = groups.contains("category");
        if (groups.isEmpty()) {
            TotalsCover.each(
                    totals(),
                    periods,
                    window,
                    only,
                    unit,
                    List.of(InsightCollections.MINUTES),
                    (currency, section, start, figures) -> series.merge(
                            new SalesKey(buckets.of(start), "{}", currency, Map.of()),
                            InsightBuckets.figures(figures),
                            SalesFigures::plus));
        } else if (groups.size() == 1 || InsightCollections.pairOf(groups).isPresent()) {
            // one dimension, or a pair the counters keep: its section of the totals' hour, day and month documents
            List<String> pair = InsightCollections.pairOf(groups).orElse(null);
            String kept = pair == null ? groups.get(0) : InsightCollections.pairSection(pair);
            // summed by bucket, currency and member as stored (a seller's chart adds up about 2,000 sellers from each
            // of some 30 documents); each member's name is decoded and its key made once, at the end
            Map<MemberSum, long[]> sums = new HashMap<>();
            TotalsCover.each(
                    totals(),
                    periods,
                    window,
                    only,
                    unit,
                    List.of(InsightCollections.GROUPED + "." + kept),
                    (currency, section, start, members) -> {
                        Instant bucket = buckets.of(start);
                        for (var member : members.entrySet()) {
                            InsightBuckets.add(
                                    sums.computeIfAbsent(
                                            new MemberSum(bucket, currency, member.getKey()),
                                            key -> new long[SalesFigures.FIELDS]),
                                    (Document) member.getValue());
                        }
                    });
            sums.forEach((key, figures) -> {
                Map<String, String> group =
                        pair == null ? Map.of(kept, FieldKeys.decode(key.member())) : pairGroup(pair, key.member());
                series.merge(
                        new SalesKey(key.bucket(), group.toString(), key.currency(), group),
                        SalesFigures.of(figures),
                        SalesFigures::plus);
            });
        } else {
            InsightBuckets.eachMinute(
                    groups(), window, only, List.of(InsightCollections.MINUTES), (hour, entries, minute, figures) -> {
                        Instant bucket = buckets.of(minute);
                        String code = hour.getString(InsightCollections.CURRENCY);
                        if (!byCategory) {
                            Map<String, String> group = groupOf(hour, groups, null);
                            series.merge(
                                    new SalesKey(bucket, group.toString(), code, group),
                                    InsightBuckets.figures(figures),
                                    SalesFigures::plus);
                            return;
                        }
                        Document categories = figures.get(InsightCollections.CATEGORIES, Document.class);
                        for (var category : (categories == null ? new Document() : categories).entrySet()) {
                            Map<String, String> group = groupOf(hour, groups, FieldKeys.decode(category.getKey()));
                            series.merge(
                                    new SalesKey(bucket, group.toString(), code, group),
                                    InsightBuckets.figures((Document) category.getValue()),
                                    SalesFigures::plus);
                        }
                    });
        }
        List<SalesBucket> items = new ArrayList<>();
        // the one bucket of a total begins where the window does, or with the first minute counted
        Instant total = window.from() != null ? window.from().truncatedTo(ChronoUnit.MINUTES) : buckets.earliest;
        series.forEach((key, figures) -> {
            if (!figures.none()) {
                items.add(new SalesBucket(
                        unit == ChronoUnit.FOREVER ? total : key.bucket(), key.group(), key.currency(), figures));
            }
        });
        return new SalesResponse(window.from(), window.to(), granularity, groups, items, freshness);
    }

    @QueryHandler
    public Funnel handle(FindFunnelQuery query) {
        Window window = new Window(query.from(), query.to());
        String only = query.currency();
        Freshness freshness = clock.freshnessOf(PROJECTIONS);
        long[] counts = new long[5];
        TotalsCover.each(
                totals(),
                periods,
                window,
                only,
                ChronoUnit.MONTHS,
                List.of(InsightCollections.MINUTES, InsightCollections.FUNNEL),
                (currency, entries, start, values) -> {
                    if (entries.equals(InsightCollections.MINUTES)) {
                        counts[0] += Counts.of(values, Figures.ORDERS);
                        return;
                    }
                    counts[1] += Counts.of(values, InsightCollections.Funnel.AUTHORIZED);
                    counts[2] += Counts.of(values, InsightCollections.Funnel.CAPTURED);
                    counts[3] += Counts.of(values, InsightCollections.Funnel.SHIPPED);
                    counts[4] += Counts.of(values, InsightCollections.Funnel.DELIVERED);
                });
        Map<String, Double> conversion = new LinkedHashMap<>();
        conversion.put("authorized", ratio(counts[1], counts[0]));
        conversion.put("captured", ratio(counts[2], counts[1]));
        conversion.put("shipped", ratio(counts[3], counts[2]));
        conversion.put("delivered", ratio(counts[4], counts[3]));
        conversion.put("overall", ratio(counts[4], counts[0]));
        return new Funnel(counts[0], counts[1], counts[2], counts[3], counts[4], conversion, freshness);
    }

    /** The group of a member of a pair's section, keyed as {@link #groupOf} keys those read from the groups. */
    private static Map<String, String> pairGroup(List<String> pair, String member) {
        List<String> members = InsightCollections.pairMembers(member);
        Map<String, String> group = new TreeMap<>();
        group.put(pair.get(0), members.get(0));
        group.put(pair.get(1), members.get(1));
        return group;
    }

    private static Map<String, String> groupOf(Document hour, List<String> groups, String category) {
        Map<String, String> group = new TreeMap<>();
        for (String name : groups) {
            group.put(
                    name,
                    switch (name) {
                        case "seller" -> hour.getString(InsightCollections.SELLER_ID);
                        case "country" -> hour.getString(InsightCollections.COUNTRY);
                        case "category" -> category;
                        default -> hour.getString(InsightCollections.CHANNEL);
                    });
        }
        return group;
    }

    private SalesFigures convert(SalesFigures figures, String code) {
        return new SalesFigures(
                figures.orders(),
                reporting.convert(figures.gmv(), code),
                reporting.convert(figures.captured(), code),
                reporting.convert(figures.refunded(), code),
                figures.cancelled(),
                figures.declines(),
                figures.paymentAttempts());
    }

    /** The time unit of a granularity the controller has checked ({@code FOREVER} for a total). */
    static ChronoUnit unitOf(String granularity) {
        return switch (granularity) {
            case "MINUTE" -> ChronoUnit.MINUTES;
            case "HOUR" -> ChronoUnit.HOURS;
            case "DAY" -> ChronoUnit.DAYS;
            case "TOTAL" -> ChronoUnit.FOREVER;
            default -> throw new IllegalArgumentException("no granularity " + granularity);
        };
    }

    /** The bucket of each period: its start truncated to the unit, or for a total one bucket for all. */
    private static final class Buckets {
        private final ChronoUnit unit;
        private Instant earliest;

        Buckets(ChronoUnit unit) {
            this.unit = unit;
        }

        Instant of(Instant start) {
            if (earliest == null || start.isBefore(earliest)) {
                earliest = start;
            }
            return unit == ChronoUnit.FOREVER ? Instant.MIN : start.truncatedTo(unit);
        }
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** A member's figures in one bucket and currency, the member as its documents name it ({@link FieldKeys}). */
    private record MemberSum(Instant bucket, String currency, String member) {}

    private record SalesKey(Instant bucket, String groupKey, String currency, Map<String, String> group)
            implements Comparable<SalesKey> {

        private static final Comparator<SalesKey> ORDER = Comparator.comparing(SalesKey::bucket)
                .thenComparing(SalesKey::groupKey)
                .thenComparing(SalesKey::currency);

        @Override
        public int compareTo(SalesKey other) {
            return ORDER.compare(this, other);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SalesKey key && compareTo(key) == 0;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(bucket, groupKey, currency);
        }
    }
}
