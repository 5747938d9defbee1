package io.orderinsight.query;

import io.orderinsight.domain.insight.FindAttributionQuery;
import io.orderinsight.domain.insight.FindForecastQuery;
import io.orderinsight.domain.insight.FindFunnelQuery;
import io.orderinsight.domain.insight.FindOverviewQuery;
import io.orderinsight.domain.insight.FindSalesQuery;
import io.orderinsight.projections.insight.InsightCollections;
import io.orderinsight.query.AttributionQueries.AttributionResponse;
import io.orderinsight.query.ForecastQueries.ForecastResponse;
import io.orderinsight.query.InsightQueries.Funnel;
import io.orderinsight.query.InsightQueries.OverviewResponse;
import io.orderinsight.query.InsightQueries.SalesResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Insight over HTTP: parameters checked here (400 naming the field), answers from the query handlers. */
@RestController
@RequestMapping(path = "/api/v1/insights", produces = MediaType.APPLICATION_JSON_VALUE)
public class InsightQueryController {

    /** The most members an attribution lists before it folds the rest into {@code other}. */
    static final int MOST_LISTED = 100;

    private final QueryGateway queries;
    private final QueryWindows windows;

    public InsightQueryController(QueryGateway queries, QueryWindows windows) {
        this.queries = queries;
        this.windows = windows;
    }

    @GetMapping("/overview")
    public OverviewResponse overview(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String currency) {
        Window window = windows.of(from, to);
        return queries.query(
                        new FindOverviewQuery(window.from(), window.to(), currencyCode(currency)),
                        ResponseTypes.instanceOf(OverviewResponse.class))
                .join();
    }

    @GetMapping("/sales")
    public SalesResponse sales(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "HOUR") String granularity,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String currency) {
        Window window = windows.of(from, to);
        if (!InsightQueries.GRANULARITIES.contains(granularity)) {
            throw new InvalidQueryException("granularity", "must be one of " + InsightQueries.GRANULARITIES);
        }
        List<String> groups = groupBy == null || groupBy.isBlank()
                ? List.of()
                : Arrays.stream(groupBy.split(",")).map(String::trim).toList();
        for (String group : groups) {
            if (!InsightQueries.GROUPS.contains(group)) {
                throw new InvalidQueryException(
                        "groupBy", "must be a comma-separated subset of " + InsightQueries.GROUPS);
            }
        }
        return queries.query(
                        new FindSalesQuery(window.from(), window.to(), granularity, groups, currencyCode(currency)),
                        ResponseTypes.instanceOf(SalesResponse.class))
                .join();
    }

    /**
     * Why {@code metric} moved from the baseline window to the window, split over the members of {@code by}. Without
     * a baseline, the window of the same length just before {@code from}.
     */
    @GetMapping("/attribution")
    public AttributionResponse attribution(
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String baselineFrom,
            @RequestParam(required = false) String baselineTo,
            @RequestParam(required = false) String by,
            @RequestParam(required = false) String currency,
            @RequestParam(defaultValue = "10") int top) {
        if (metric == null || !AttributionQueries.METRICS.containsKey(metric)) {
            throw new InvalidQueryException(
                    "metric", "must be one of " + new TreeSet<>(AttributionQueries.METRICS.keySet()));
        }
        if (from == null) {
            throw new InvalidQueryException("from", "is required: the start of the window");
        }
        if (to == null) {
            throw new InvalidQueryException("to", "is required: the end of the window");
        }
        Window window = windows.of(from, to);
        if (!window.from().isBefore(window.to())) {
            throw new InvalidQueryException("to", "must be after from");
        }
        if ((baselineFrom == null) != (baselineTo == null)) {
            throw new InvalidQueryException(
                    baselineFrom == null ? "baselineFrom" : "baselineTo",
                    "must be given with " + (baselineFrom == null ? "baselineTo" : "baselineFrom")
                            + " (or neither: the window of the same length just before from)");
        }
        Window baseline = baselineFrom == null
                ? new Window(window.from().minus(Duration.between(window.from(), window.to())), window.from())
                : windows.of(baselineFrom, baselineTo, "baselineFrom", "baselineTo");
        if (!baseline.from().isBefore(baseline.to())) {
            throw new InvalidQueryException("baselineTo", "must be after baselineFrom");
        }
        List<String> dimensions = by == null || by.isBlank()
                ? List.of()
                : Arrays.stream(by.split(",")).map(String::trim).toList();
        if (dimensions.isEmpty()
                || dimensions.size() > 2
                || !InsightQueries.GROUPS.containsAll(dimensions)
                || dimensions.stream().distinct().count() != dimensions.size()) {
            throw new InvalidQueryException("by", "must be one or two different ones of " + InsightQueries.GROUPS);
        }
        if (dimensions.size() == 2 && InsightCollections.pairOf(dimensions).isEmpty()) {
            // the seller's pairs are not kept by the counters: an answer would read every group hour of both windows
            throw new InvalidQueryException(
                    "by",
                    "pairs the counters keep are "
                            + InsightCollections.PAIRS.stream()
                                    .map(pair -> String.join(",", pair))
                                    .toList()
                            + "; a pair with the seller is not kept yet (sales?groupBy=seller,… has its series)");
        }
        if (top < 1 || top > MOST_LISTED) {
            throw new InvalidQueryException("top", "must be between 1 and " + MOST_LISTED);
        }
        return queries.query(
                        new FindAttributionQuery(
                                metric,
                                window.from(),
                                window.to(),
                                baseline.from(),
                                baseline.to(),
                                dimensions,
                                currencyCode(currency),
                                top),
                        ResponseTypes.instanceOf(AttributionResponse.class))
                .join();
    }

    /**
     * The next {@code horizon} buckets of {@code metric} with 80% and 95% bands, from a seasonal model fitted on the
     * stored history ({@link ForecastQueries}); with too little history, 200 with the reason and no numbers.
     */
    @GetMapping("/forecast")
    public ForecastResponse forecast(
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String currency,
            @RequestParam(required = false) Integer horizon,
            @RequestParam(defaultValue = "HOUR") String granularity) {
        if (metric == null || !ForecastQueries.METRICS.contains(metric)) {
            throw new InvalidQueryException("metric", "must be one of " + new TreeSet<>(ForecastQueries.METRICS));
        }
        SeasonalModel.Granularity unit;
        try {
            unit = SeasonalModel.Granularity.valueOf(granularity);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("granularity", "must be HOUR or DAY");
        }
        int buckets = horizon == null ? unit.holdout : horizon;
        if (buckets < 1 || buckets > unit.longest) {
            throw new InvalidQueryException(
                    "horizon", "must be between 1 and " + unit.longest + " " + unit.name() + " buckets");
        }
        return queries.query(
                        new FindForecastQuery(metric, currencyCode(currency), buckets, unit.name()),
                        ResponseTypes.instanceOf(ForecastResponse.class))
                .join();
    }

    @GetMapping("/funnel")
    public Funnel funnel(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String currency) {
        Window window = windows.of(from, to);
        return queries.query(
                        new FindFunnelQuery(window.from(), window.to(), currencyCode(currency)),
                        ResponseTypes.instanceOf(Funnel.class))
                .join();
    }

    public static String currencyCode(String currency) {
        if (currency == null) {
            return null;
        }
        try {
            return Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("currency", "must be an ISO-4217 code");
        }
    }
}
