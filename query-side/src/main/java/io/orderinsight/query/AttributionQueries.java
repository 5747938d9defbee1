package io.orderinsight.query;

import io.orderinsight.domain.insight.FindAttributionQuery;
import io.orderinsight.domain.insight.FindSalesQuery;
import io.orderinsight.projections.insight.InsightCollections;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.query.Attribution.Change;
import io.orderinsight.query.Attribution.Figures;
import io.orderinsight.query.Attribution.Kind;
import io.orderinsight.query.InsightQueries.SalesBucket;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Why a metric moved: {@link Attribution} over the insight counters' figures per member of one or two dimensions in
 * the window and in the baseline window, read as sales totals per member are ({@link InsightQueries}: the sections
 * of the hour, day and month documents by one dimension or by a pair they keep), never from the event store. A pair
 * with the seller is refused at the door ({@code InsightQueryController}): the counters do not keep it, and the group
 * hours it would be summed from grow with the window (seconds for a week at a million orders).
 */
@Component
public class AttributionQueries {

    /** The metrics attribution splits, as the overview names them. */
    static final Map<String, Metric> METRICS = metrics();

    private static final String METHOD_MONEY = "each member's change is its own: the members' changes add up to the"
            + " total's. Combined in the reporting currency: each member's baseline and value are converted exactly,"
            + " then rounded so that they add up to the overview's combined baseline and value (each currency's total"
            + " converted and rounded half-even), the rounding units going to the largest remainders; each change is"
            + " the rounded value minus the rounded baseline, so the changes add up to the overview's difference to the"
            + " minor unit";
    private static final String METHOD_RATE = "the rate is the members' rates weighted by their shares of the"
            + " denominator; each member's change is a mix effect (w′ − w)·(r − R), its share moving against the"
            + " baseline rate R, plus a rate effect w′·(r′ − r), its own rate moving at its share in the window (the"
            + " interaction term goes to the rate effect); they add up to the total rate's change. A member absent from"
            + " the baseline takes R as its rate there";
    private static final String OVERLAPPING = "an order counts once in every category it has a line in, so counts and"
            + " rates by category overlap: each category is reported on its own, without a split of the change and"
            + " without a sum (money by category is split by line value exactly and does add up)";

    private final InsightQueries insight;
    private final ReportingProperties reporting;
    private final ProjectionClock clock;

    public AttributionQueries(InsightQueries insight, ReportingProperties reporting, ProjectionClock clock) {
        this.insight = insight;
        this.reporting = reporting;
        this.clock = clock;
    }

    /**
     * A metric: a count or amount ({@code numerator} alone), or a rate of {@code numerator} over {@code denominator};
     * {@code money} marks figures in minor units of a currency, converted when combined.
     */
    record Metric(
            Kind kind,
            ToLongFunction<SalesFigures> numerator,
            ToLongFunction<SalesFigures> denominator,
            boolean moneyNumerator,
            boolean moneyDenominator,
            String definition) {}

    private static Map<String, Metric> metrics() {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        metrics.put("orders", new Metric(Kind.COUNT, SalesFigures::orders, null, false, false, "orders placed"));
        metrics.put("gmv", new Metric(Kind.MONEY, SalesFigures::gmv, null, true, false, "value of the orders placed"));
        metrics.put("captured", new Metric(Kind.MONEY, SalesFigures::captured, null, true, false, "money captured"));
        metrics.put("refunded", new Metric(Kind.MONEY, SalesFigures::refunded, null, true, false, "money refunded"));
        metrics.put(
                "netRevenue",
                new Metric(
                        Kind.MONEY,
                        figures -> figures.captured() - figures.refunded(),
                        null,
                        true,
                        false,
                        "money captured less money refunded"));
        metrics.put(
                "declineRate",
                new Metric(
                        Kind.RATE,
                        SalesFigures::declines,
                        SalesFigures::paymentAttempts,
                        false,
                        false,
                        "payment attempts declined / payment attempts"));
        metrics.put(
                "refundRate",
                new Metric(
                        Kind.RATE,
                        SalesFigures::refunded,
                        SalesFigures::captured,
                        true,
                        true,
                        "money refunded / money captured"));
        metrics.put(
                "cancellationRate",
                new Metric(
                        Kind.RATE,
                        SalesFigures::cancelled,
                        SalesFigures::orders,
                        false,
                        false,
                        "orders cancelled / orders placed"));
        return Map.copyOf(metrics);
    }

    /**
     * The answer: per currency in its minor units, and {@code combined} in minor units of {@code reportingCurrency}
     * over the currencies with a configured rate ({@code unconverted} lists the others), as the overview combines
     * them. {@code additive} says whether the contributions add up to the change; {@code method} how they were worked
     * out.
     */
    public record AttributionResponse(
            String metric,
            String kind,
            String definition,
            List<String> by,
            Instant from,
            Instant to,
            Instant baselineFrom,
            Instant baselineTo,
            boolean additive,
            String method,
            Map<String, Change> currencies,
            String reportingCurrency,
            Change combined,
            List<String> unconverted,
            Freshness freshness) {}

    @QueryHandler
    public AttributionResponse handle(FindAttributionQuery query) {
        Metric metric = METRICS.get(query.metric());
        if (metric == null) {
            throw new IllegalArgumentException("no metric " + query.metric());
        }
        Freshness freshness = clock.freshnessOf(List.of(ProjectionNames.INSIGHT));
        // per currency, per member: the figures of the baseline window [0] and of the window [1]
        Map<String, Map<Map<String, String>, SalesFigures[]>> figures = new TreeMap<>();
        collect(figures, query.baselineFrom(), query.baselineTo(), query, 0);
        collect(figures, query.from(), query.to(), query, 1);

        boolean overlapping = query.by().contains(InsightCollections.CATEGORY) && metric.kind() != Kind.MONEY;
        Map<String, Change> currencies = new TreeMap<>();
        figures.forEach((code, members) -> currencies.put(code, change(metric, members, query.top(), overlapping)));

        List<String> unconverted = new ArrayList<>();
        Map<Map<String, String>, Figures> combined = new LinkedHashMap<>();
        long baselineTotal = 0;
        long valueTotal = 0;
        for (var currency : figures.entrySet()) {
            String code = currency.getKey();
            BigDecimal rate = reporting.rateOf(code);
            if (rate == null) {
                unconverted.add(code);
                continue;
            }
            BigDecimal factor = reporting.factorOf(code);
            long baseline = 0;
            long value = 0;
            for (var member : currency.getValue().entrySet()) {
                Figures exact = exact(metric, member.getValue(), factor);
                combined.merge(member.getKey(), exact, Figures::plus);
                baseline += metric.numerator().applyAsLong(member.getValue()[0]);
                value += metric.numerator().applyAsLong(member.getValue()[1]);
            }
            baselineTotal += metric.moneyNumerator() ? reporting.convert(baseline, code) : baseline;
            valueTotal += metric.moneyNumerator() ? reporting.convert(value, code) : value;
        }
        Change all;
        if (metric.kind() == Kind.RATE) {
            all = overlapping
                    ? Attribution.overlappingRates(combined, query.top())
                    : Attribution.rates(combined, query.top());
        } else if (metric.kind() == Kind.MONEY) {
            all = Attribution.sums(Attribution.apportion(combined, baselineTotal, valueTotal), query.top(), true);
        } else {
            Map<Map<String, String>, long[]> counts = new LinkedHashMap<>();
            combined.forEach((member, exact) -> counts.put(
                    member,
                    new long[] {exact.baseline().longValueExact(), exact.value().longValueExact()}));
            all = Attribution.sums(counts, query.top(), !overlapping);
        }
        return new AttributionResponse(
                query.metric(),
                metric.kind().name(),
                metric.definition(),
                query.by(),
                query.from(),
                query.to(),
                query.baselineFrom(),
                query.baselineTo(),
                !overlapping,
                overlapping ? OVERLAPPING : metric.kind() == Kind.RATE ? METHOD_RATE : METHOD_MONEY,
                currencies,
                reporting.currency(),
                all,
                unconverted,
                freshness);
    }

    private void collect(
            Map<String, Map<Map<String, String>, SalesFigures[]>> figures,
            Instant from,
            Instant to,
            FindAttributionQuery query,
            int index) {
        for (SalesBucket bucket : insight.handle(new FindSalesQuery(from, to, "TOTAL", query.by(), query.currency()))
                .items()) {
            SalesFigures[] pair = figures.computeIfAbsent(bucket.currency(), code -> new LinkedHashMap<>())
                    .computeIfAbsent(
                            bucket.group(), member -> new SalesFigures[] {SalesFigures.ZERO, SalesFigures.ZERO});
            pair[index] = pair[index].plus(bucket.figures());
        }
    }

    /** One currency's change, in its own minor units. */
    private static Change change(
            Metric metric, Map<Map<String, String>, SalesFigures[]> members, int top, boolean overlapping) {
        if (metric.kind() == Kind.RATE) {
            Map<Map<String, String>, Figures> rates = new LinkedHashMap<>();
            members.forEach((member, pair) -> rates.put(member, exact(metric, pair, BigDecimal.ONE)));
            return overlapping ? Attribution.overlappingRates(rates, top) : Attribution.rates(rates, top);
        }
        Map<Map<String, String>, long[]> sums = new LinkedHashMap<>();
        members.forEach((member, pair) -> sums.put(member, new long[] {
            metric.numerator().applyAsLong(pair[0]), metric.numerator().applyAsLong(pair[1])
        }));
        return Attribution.sums(sums, top, !overlapping);
    }

    /** A member's figures, money multiplied by {@code factor} (1, or the conversion to the reporting currency). */
    private static Figures exact(Metric metric, SalesFigures[] pair, BigDecimal factor) {
        BigDecimal numeratorFactor = metric.moneyNumerator() ? factor : BigDecimal.ONE;
        BigDecimal denominatorFactor = metric.moneyDenominator() ? factor : BigDecimal.ONE;
        ToLongFunction<SalesFigures> denominator = metric.denominator() == null ? figures -> 0 : metric.denominator();
        return new Figures(
                BigDecimal.valueOf(metric.numerator().applyAsLong(pair[0])).multiply(numeratorFactor),
                BigDecimal.valueOf(metric.numerator().applyAsLong(pair[1])).multiply(numeratorFactor),
                BigDecimal.valueOf(denominator.applyAsLong(pair[0])).multiply(denominatorFactor),
                BigDecimal.valueOf(denominator.applyAsLong(pair[1])).multiply(denominatorFactor));
    }
}
