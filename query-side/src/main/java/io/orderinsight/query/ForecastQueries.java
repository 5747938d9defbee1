package io.orderinsight.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.orderinsight.domain.insight.FindForecastQuery;
import io.orderinsight.domain.insight.FindSalesQuery;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.query.AttributionQueries.Metric;
import io.orderinsight.query.InsightQueries.SalesBucket;
import io.orderinsight.query.SeasonalModel.Fit;
import io.orderinsight.query.SeasonalModel.Granularity;
import io.orderinsight.query.SeasonalModel.Holdout;
import io.orderinsight.query.SeasonalModel.Point;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What comes next: {@link SeasonalModel} fitted on the latest history of a metric's buckets (the insight counters'
 * sales series, never the event store), checked on its latest held-out buckets, and projected forward with bands.
 *
 * <p>A fit covers the history up to the start of the current, incomplete bucket, so it changes only when a bucket
 * completes: fits are kept in memory by metric, currency, granularity and that bucket ({@code
 * orderinsight.forecast.cache.entries}, 256), and a query reads the kept fit when there is one (the answer says
 * {@code cached: true}) and refits otherwise — at most once an hour (daily: once a day) for each metric and currency.
 * Events that arrive late for a bucket already fitted are in the next fit.
 *
 * <p>A series asked for in the last day is refitted in the background once its bucket completes ({@link #refresh},
 * every {@code orderinsight.forecast.refresh}, 1 minute), so that its next query reads a kept fit: only a series no
 * one asked for recently is fitted in a query.
 */
@Component
public class ForecastQueries {

    private static final Logger log = LoggerFactory.getLogger(ForecastQueries.class);

    /** The metrics forecast: counts and amounts, which add up over buckets (rates are not forecast). */
    static final Set<String> METRICS = Set.of("orders", "gmv", "captured", "refunded", "netRevenue");

    private final InsightQueries insight;
    private final ReportingProperties reporting;
    private final ProjectionClock projections;
    private final Clock clock;
    private final Cache<Key, Model> fits =
            Caffeine.newBuilder().maximumSize(256).build();
    /** The series asked for, each with when it was last asked: the ones {@link #refresh} keeps fitted. */
    private final Cache<Series, Instant> asked = Caffeine.newBuilder()
            .maximumSize(256)
            .expireAfterWrite(Duration.ofDays(1))
            .build();

    public ForecastQueries(
            InsightQueries insight, ReportingProperties reporting, ProjectionClock projections, Clock clock) {
        this.insight = insight;
        this.reporting = reporting;
        this.projections = projections;
        this.clock = clock;
    }

    private record Key(String metric, String currency, Granularity granularity, Instant end) {}

    private record Series(String metric, String currency, Granularity granularity) {}

    /** A fit with its history's bounds and its holdout check; {@code reason} instead when there is none. */
    private record Model(Fit fit, Instant from, Instant to, Holdout holdout, Instant fittedAt, String reason) {}

    /**
     * The model behind a forecast: its name and form, the history it was fitted on ([{@code fitFrom}, {@code fitTo}),
     * {@code observations} buckets, {@code parameters} coefficients), its residual standard error, and its error on the
     * latest {@code holdoutBuckets} when fitted without them — WAPE, the seasonal-naive forecast's WAPE (each bucket as
     * it was a week earlier) and the share inside the 80% band.
     */
    public record ModelDescription(
            String name,
            String description,
            Instant fitFrom,
            Instant fitTo,
            int observations,
            int parameters,
            double residualStandardError,
            int holdoutBuckets,
            Double holdoutWape,
            Double seasonalNaiveWape,
            double holdoutCoverage80,
            Instant fittedAt,
            boolean cached) {}

    /**
     * The answer. With too little history, {@code reason} says why and there are no points and no model. Amounts are
     * minor units of {@code currency} (the reporting currency when combined).
     */
    public record ForecastResponse(
            String metric,
            String currency,
            boolean combined,
            String granularity,
            int horizon,
            ModelDescription model,
            List<Point> points,
            String reason,
            Freshness freshness) {}

    @QueryHandler
    public ForecastResponse handle(FindForecastQuery query) {
        Metric metric = AttributionQueries.METRICS.get(query.metric());
        if (metric == null || !METRICS.contains(query.metric())) {
            throw new IllegalArgumentException("no forecast of " + query.metric());
        }
        Granularity granularity = Granularity.valueOf(query.granularity());
        Freshness freshness = projections.freshnessOf(List.of(ProjectionNames.INSIGHT));
        Instant end = clock.instant().truncatedTo(granularity.unit);
        Key key = new Key(query.metric(), query.currency(), granularity, end);
        asked.put(new Series(query.metric(), query.currency(), granularity), clock.instant());
        Model kept = fits.getIfPresent(key);
        Model model = kept != null ? kept : fit(metric, query.currency(), granularity, end);
        if (kept == null) {
            fits.put(key, model);
        }
        Fit fit = model.fit();
        ModelDescription description = fit == null
                ? null
                : new ModelDescription(
                        SeasonalModel.NAME,
                        SeasonalModel.DESCRIPTION,
                        model.from(),
                        model.to(),
                        fit.observations(),
                        fit.parameters(),
                        fit.residualStandardError(),
                        model.holdout().buckets(),
                        finite(model.holdout().wape()),
                        finite(model.holdout().seasonalNaiveWape()),
                        model.holdout().coverage80(),
                        model.fittedAt(),
                        kept != null);
        return new ForecastResponse(
                query.metric(),
                query.currency() == null ? reporting.currency() : query.currency(),
                query.currency() == null,
                granularity.name(),
                query.horizon(),
                description,
                fit == null ? List.of() : SeasonalModel.forecast(fit, query.horizon(), true),
                model.reason(),
                freshness);
    }

    @Scheduled(
            initialDelayString = "${orderinsight.forecast.refresh:PT1M}",
            fixedDelayString = "${orderinsight.forecast.refresh:PT1M}")
    void refresh() {
        refresh(clock.instant());
    }

    /**
     * Fits each series asked for in the last day whose bucket current at {@code now} has no fit yet; returns how many
     * it fitted.
     */
    public int refresh(Instant now) {
        int fitted = 0;
        for (Series series : List.copyOf(asked.asMap().keySet())) {
            Instant end = now.truncatedTo(series.granularity().unit);
            Key key = new Key(series.metric(), series.currency(), series.granularity(), end);
            if (fits.getIfPresent(key) == null) {
                long began = System.nanoTime();
                fits.put(
                        key,
                        fit(
                                AttributionQueries.METRICS.get(series.metric()),
                                series.currency(),
                                series.granularity(),
                                end));
                fitted++;
                log.debug(
                        "refitted the {} forecast of {} ({}) up to {} in {} ms",
                        series.granularity(),
                        series.metric(),
                        series.currency() == null ? "combined" : series.currency(),
                        end,
                        (System.nanoTime() - began) / 1_000_000);
            }
        }
        return fitted;
    }

    private Model fit(Metric metric, String currency, Granularity granularity, Instant end) {
        Instant from = end.minus(granularity.history, granularity.unit);
        double[] full = series(metric, currency, granularity, from, end);
        // the history begins with the first bucket that holds anything
        int first = 0;
        while (first < full.length && full[first] == 0) {
            first++;
        }
        int buckets = full.length - first;
        Instant fitFrom = from.plus(first, granularity.unit);
        if (buckets < granularity.minimum) {
            return new Model(
                    null,
                    fitFrom,
                    end,
                    null,
                    clock.instant(),
                    String.format(
                            java.util.Locale.ROOT,
                            "too little history: %d complete %s buckets with figures since the first one, a forecast"
                                    + " needs %d (%s)",
                            Math.max(0, buckets),
                            granularity.name(),
                            granularity.minimum,
                            granularity == Granularity.HOUR
                                    ? "8 days: a week to fit its holdout check on, and a day to check it with"
                                    : "3 weeks: two to fit its holdout check on, and one to check it with"));
        }
        double[] history = java.util.Arrays.copyOfRange(full, first, full.length);
        try {
            return new Model(
                    SeasonalModel.fit(granularity, fitFrom, history),
                    fitFrom,
                    end,
                    SeasonalModel.holdout(granularity, fitFrom, history, true),
                    clock.instant(),
                    null);
        } catch (SingularMatrixException e) {
            return new Model(
                    null,
                    fitFrom,
                    end,
                    null,
                    clock.instant(),
                    "the history cannot tell the model's effects apart (its design matrix is singular)");
        }
    }

    /** The metric per bucket over [from, end), 0 for a bucket without figures; combined: converted and summed. */
    private double[] series(Metric metric, String currency, Granularity granularity, Instant from, Instant end) {
        int length = (int) granularity.unit.between(from, end);
        double[] series = new double[length];
        for (SalesBucket bucket : insight.handle(new FindSalesQuery(from, end, granularity.name(), List.of(), currency))
                .items()) {
            long value = metric.numerator().applyAsLong(bucket.figures());
            if (currency == null) {
                if (reporting.rateOf(bucket.currency()) == null) {
                    continue; // as the overview's combined figures: currencies without a rate are left out
                }
                value = metric.moneyNumerator() ? reporting.convert(value, bucket.currency()) : value;
            }
            int index = (int) granularity.unit.between(from, bucket.bucket());
            if (index >= 0 && index < length) {
                series[index] += value;
            }
        }
        return series;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
