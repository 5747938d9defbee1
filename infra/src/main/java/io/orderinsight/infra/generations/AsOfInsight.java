package io.orderinsight.infra.generations;

import io.orderinsight.audit.jobs.Jobs;
import io.orderinsight.audit.jobs.Progress;
import io.orderinsight.domain.insight.FindOverviewQuery;
import io.orderinsight.infra.axon.ProjectionEventSource;
import io.orderinsight.projections.risk.RiskViewProjection;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.query.Freshness;
import io.orderinsight.query.InsightQueries;
import io.orderinsight.query.InsightQueries.Overview;
import io.orderinsight.query.InsightQueries.OverviewResponse;
import io.orderinsight.query.PeriodDocuments;
import io.orderinsight.query.ReadModels;
import io.orderinsight.query.ReportingProperties;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

/**
 * The overview as it stood at a recorded time: history up to {@code asOf} replayed into scratch generations of the
 * insight counters and the risk views (isolated collections, dropped afterwards), read by the same queries as the
 * live overview, and, on request, compared with today's figures for the same window.
 */
public class AsOfInsight {

    public static final String KIND = "insight-as-of";

    /**
     * Events are numbered when they commit, so one recorded just before {@code asOf} may follow one recorded just
     * after it; the replay reads this far past {@code asOf} before it stops.
     */
    private static final Duration COMMIT_SKEW = Duration.ofMinutes(1);

    private final Jobs jobs;
    private final ProjectionCatalog catalog;
    private final GenerationPointers pointers;
    private final GenerationProcessors processors;
    private final ProjectionEventSource events;
    private final ParameterResolverFactory parameters;
    private final InsightQueries today;
    private final ReportingProperties reporting;

    public AsOfInsight(
            Jobs jobs,
            ProjectionCatalog catalog,
            GenerationPointers pointers,
            GenerationProcessors processors,
            ProjectionEventSource events,
            ParameterResolverFactory parameters,
            InsightQueries today,
            ReportingProperties reporting) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.pointers = pointers;
        this.processors = processors;
        this.events = events;
        this.parameters = parameters;
        this.today = today;
        this.reporting = reporting;
    }

    /**
     * Figures of today minus those as of {@code asOf} (what was recorded after it), field by field of the overview:
     * counts and money as whole numbers, rates as fractions.
     */
    static Map<String, Number> change(Overview then, Overview now) {
        Map<String, Number> change = new LinkedHashMap<>();
        for (RecordComponent field : Overview.class.getRecordComponents()) {
            Number before = then == null ? 0 : value(field, then);
            Number after = now == null ? 0 : value(field, now);
            change.put(
                    field.getName(),
                    field.getType() == double.class
                            ? after.doubleValue() - before.doubleValue()
                            : after.longValue() - before.longValue());
        }
        return change;
    }

    private static Number value(RecordComponent field, Overview overview) {
        try {
            return (Number) field.getAccessor().invoke(overview);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + field.getName() + " of an overview", e);
        }
    }

    /** The change per currency and combined. */
    public record Difference(Map<String, Map<String, Number>> currencies, Map<String, Number> combined) {}

    /**
     * @param eventsReplayed the events recorded at or before {@code asOf}
     * @param today the live overview of the same window (with {@code compare=true})
     */
    public record AsOfResult(
            Instant asOf,
            long eventsReplayed,
            OverviewResponse overview,
            OverviewResponse today,
            Difference difference) {}

    public String start(Instant asOf, boolean compare, Instant from, Instant to, String currency) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("asOf", asOf.toString());
        request.put("compare", compare);
        if (from != null) {
            request.put("from", from.toString());
        }
        if (to != null) {
            request.put("to", to.toString());
        }
        if (currency != null) {
            request.put("currency", currency);
        }
        return jobs.start(
                KIND,
                "overview",
                request,
                null,
                progress -> run(asOf, compare, new FindOverviewQuery(from, to, currency), progress));
    }

    private AsOfResult run(Instant asOf, boolean compare, FindOverviewQuery query, Progress progress) {
        String tag = ProjectionCatalog.scratchTag("asof");
        Generation insight = Generation.scratch(ProjectionNames.INSIGHT, tag);
        // of the views, the risk views only: the overview reads their alerts
        Generation risk = Generation.scratch(ProjectionNames.VIEWS, tag);
        try {
            ScratchReplay replay = new ScratchReplay(
                    events,
                    parameters,
                    List.of(catalog.create(insight), new RiskViewProjection(catalog.readModels(), risk)));
            long head = processors.head();
            progress.total(head + 1);
            long replayed = replay.replay(
                    head,
                    event -> !event.getTimestamp().isAfter(asOf),
                    asOf.plus(COMMIT_SKEW),
                    index -> progress.done(index + 1));
            progress.done(head + 1);
            Map<String, Generation> scratch = Map.of(ProjectionNames.INSIGHT, insight, ProjectionNames.VIEWS, risk);
            InsightQueries then = new InsightQueries(
                    new ReadModels(
                            catalog.readModels(),
                            projection -> scratch.getOrDefault(projection, pointers.live(projection))),
                    projections -> new Freshness(replayed, asOf, 0),
                    reporting,
                    PeriodDocuments.uncached());
            OverviewResponse asOfOverview = then.handle(query);
            if (!compare) {
                return new AsOfResult(asOf, replayed, asOfOverview, null, null);
            }
            OverviewResponse now = today.handle(query);
            TreeSet<String> currencies = new TreeSet<>(asOfOverview.currencies().keySet());
            currencies.addAll(now.currencies().keySet());
            Map<String, Map<String, Number>> changes = new LinkedHashMap<>();
            for (String currency : currencies) {
                changes.put(
                        currency,
                        change(
                                asOfOverview.currencies().get(currency),
                                now.currencies().get(currency)));
            }
            return new AsOfResult(
                    asOf,
                    replayed,
                    asOfOverview,
                    now,
                    new Difference(changes, change(asOfOverview.combined(), now.combined())));
        } finally {
            catalog.drop(insight);
            catalog.drop(risk);
        }
    }
}
