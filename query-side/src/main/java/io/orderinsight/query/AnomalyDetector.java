package io.orderinsight.query;

import static com.mongodb.client.model.Filters.eq;

import io.orderinsight.domain.insight.FindAttributionQuery;
import io.orderinsight.domain.insight.FindSalesQuery;
import io.orderinsight.domain.risk.AlertId;
import io.orderinsight.domain.risk.AnomalyEvidence;
import io.orderinsight.domain.risk.RaiseAlertCommand;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.domain.shared.MetadataKeys;
import io.orderinsight.projections.risk.RiskCollections;
import io.orderinsight.projections.risk.RuleView;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.query.Attribution.Part;
import io.orderinsight.query.InsightQueries.SalesBucket;
import io.orderinsight.query.SeasonalModel.Fit;
import io.orderinsight.query.SeasonalModel.Granularity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The anomaly rules, live ({@link AnomalySchedule}): once a further completed hour of event time has passed its grace
 * period ({@code orderinsight.anomaly.grace}, 5 minutes), the latest {@code orderinsight.anomaly.lookback} such hours
 * (3, so that a restart misses none) are judged overall (the market of each currency) and per seller, channel and
 * shipping country, from the insight counters' hourly sales read through the query side; each finding is raised with
 * {@link RaiseAlertCommand} under an id derived from the rule, the subject and the hour, so that judging an hour again
 * (the next minute, another node) raises nothing new.
 *
 * <ul>
 *   <li><b>Drops</b> ({@code anomaly-gmv-drop}, {@code anomaly-orders-drop}): {@link SeasonalModel} fitted on the four
 *       weeks before the hour, on the square root of each hour's figure (counts' noise grows with their level; on
 *       that scale a quiet hour's is about as large as a busy one's), the band squared back (8 days at least, from the scope's first figures), the hour's forecast and its band at
 *       the rule's {@code band} level; a finding when the hour's figure is below the band, the scope's orders in the
 *       same hour of the day averaged at least {@code min-volume} over the week before, and the figure fell short of the forecast by at least
 *       {@code min-deviation} of it.
 *   <li><b>Rate spikes</b> ({@code anomaly-decline-rate}: declines / payment attempts; {@code anomaly-refund-rate}:
 *       money refunded / money captured): the week before's pooled rate as the expected one, and a binomial band at
 *       the hour's volume (payment attempts; orders for refunds), widened by the week's overdispersion; a finding when
 *       the chance of a rate at least as high is below {@code 1 − band}, the volume is at least {@code min-volume},
 *       and the rate rose by at least {@code min-deviation} (absolute).
 * </ul>
 *
 * The thresholds are each rule's version in force, read from the rules' read model; a disabled rule judges nothing.
 * Findings about the market name the sellers that moved most against the same hour a week earlier (attribution).
 */
public class AnomalyDetector {

    private static final Logger log = LoggerFactory.getLogger(AnomalyDetector.class);
    private static final List<String> DIMENSIONS = List.of("seller", "channel", "country");
    private static final int DAY = 24;
    /** The median of a χ² distribution with one degree of freedom. */
    private static final double CHI_SQUARED_MEDIAN = 0.454936;

    private static final int WEEK = DAY * 7;

    /** One anomaly rule: the metric it judges, and for rates the numerator and denominator. */
    record Rule(
            String id,
            String metric,
            boolean drop,
            ToLongFunction<SalesFigures> figure,
            ToLongFunction<SalesFigures> denominator,
            ToLongFunction<SalesFigures> volume) {}

    static final List<Rule> RULES = List.of(
            new Rule("anomaly-gmv-drop", "gmv", true, SalesFigures::gmv, null, SalesFigures::orders),
            new Rule("anomaly-orders-drop", "orders", true, SalesFigures::orders, null, SalesFigures::orders),
            new Rule(
                    "anomaly-decline-rate",
                    "declineRate",
                    false,
                    SalesFigures::declines,
                    SalesFigures::paymentAttempts,
                    SalesFigures::paymentAttempts),
            new Rule(
                    "anomaly-refund-rate",
                    "refundRate",
                    false,
                    SalesFigures::refunded,
                    SalesFigures::captured,
                    SalesFigures::orders));

    /** A rule's thresholds in force. */
    record Thresholds(long version, double band, long minVolume, double minDeviation) {}

    /** A scope's hourly figures: the market of a currency, or a member of a dimension in it. */
    record Scope(SubjectType subject, String subjectId, String dimension, String currency) {}

    private final InsightQueries insight;
    private final AttributionQueries attribution;
    private final ReadModels readModels;
    private final CommandGateway commands;
    private final Clock clock;
    private final Duration grace;
    private final int lookback;

    public AnomalyDetector(
            InsightQueries insight,
            AttributionQueries attribution,
            ReadModels readModels,
            CommandGateway commands,
            Clock clock,
            Duration grace,
            int lookback) {
        this.insight = insight;
        this.attribution = attribution;
        this.readModels = readModels;
        this.commands = commands;
        this.clock = clock;
        this.grace = grace;
        this.lookback = lookback;
    }

    /** A finding: the rule, the thresholds it was judged with, the scope, what was seen, and the alert's id. */
    public record Found(String ruleId, long version, SubjectType subject, String subjectId, AnomalyEvidence evidence) {

        /** The id of the alert the finding raises: the rule, the subject in its currency, the hour. */
        public AlertId alertId() {
            return AlertId.ofAnomaly(ruleId, subject, subjectId, evidence.currency(), evidence.hour());
        }
    }

    /** Judges the latest completed hours past their grace period; the number of findings raised (or raised again). */
    public int judge() {
        Map<String, Thresholds> rules = new HashMap<>();
        for (Rule rule : RULES) {
            thresholds(rule.id()).ifPresent(thresholds -> rules.put(rule.id(), thresholds));
        }
        if (rules.isEmpty()) {
            return 0;
        }
        Instant last = lastJudged();
        List<Found> findings = findings(rules, last.minus(lookback - 1L, ChronoUnit.HOURS), last);
        findings.forEach(this::raise);
        return findings.size();
    }

    /**
     * What {@code ruleId} with {@code thresholds} (as text, the catalog's names) finds on the hours that begin in
     * [{@code from}, {@code to}) and are past their grace period, judged as the live detector judges them, on the
     * counters as they are now; nothing is raised.
     */
    public List<Found> backtest(String ruleId, Map<String, String> thresholds, long version, Instant from, Instant to) {
        Instant first = from.truncatedTo(ChronoUnit.HOURS).equals(from)
                ? from
                : from.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant last = to.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        if (to.truncatedTo(ChronoUnit.HOURS).equals(to)) {
            last = to.minus(1, ChronoUnit.HOURS);
        }
        if (last.isAfter(lastJudged())) {
            last = lastJudged();
        }
        if (last.isBefore(first)) {
            return List.of();
        }
        Thresholds tested = new Thresholds(
                version,
                Double.parseDouble(thresholds.get("band")),
                Long.parseLong(thresholds.get("min-volume")),
                Double.parseDouble(thresholds.get("min-deviation")));
        return findings(Map.of(ruleId, tested), first, last);
    }

    /** The start of the latest hour whose end the grace period has passed. */
    public Instant lastJudged() {
        return clock.instant().minus(grace).truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
    }

    private List<Found> findings(Map<String, Thresholds> rules, Instant firstHour, Instant lastHour) {
        Instant from = firstHour.minus(Granularity.HOUR.history, ChronoUnit.HOURS);
        Instant end = lastHour.plus(1, ChronoUnit.HOURS);
        int length = (int) ChronoUnit.HOURS.between(from, end);
        int judged = (int) ChronoUnit.HOURS.between(firstHour, end);
        Map<Scope, SalesFigures[]> series = new HashMap<>();
        collect(series, from, end, length, List.of());
        for (String dimension : DIMENSIONS) {
            collect(series, from, end, length, List.of(dimension));
        }
        List<Found> findings = new ArrayList<>();
        for (var scope : series.entrySet()) {
            for (int hour = length - judged; hour < length; hour++) {
                for (Rule rule : RULES) {
                    Thresholds thresholds = rules.get(rule.id());
                    if (thresholds == null) {
                        continue;
                    }
                    Scope at = scope.getKey();
                    Optional<AnomalyEvidence> found = rule.drop()
                            ? drop(rule, thresholds, scope.getValue(), hour, from, at)
                            : spike(rule, thresholds, scope.getValue(), hour, from, at);
                    String subject = at.subject() == SubjectType.MARKET ? at.currency() : at.subjectId();
                    found.ifPresent(evidence ->
                            findings.add(new Found(rule.id(), thresholds.version(), at.subject(), subject, evidence)));
                }
            }
        }
        return findings;
    }

    private void collect(Map<Scope, SalesFigures[]> series, Instant from, Instant end, int length, List<String> by) {
        for (SalesBucket bucket :
                insight.handle(new FindSalesQuery(from, end, "HOUR", by, null)).items()) {
            Scope scope = by.isEmpty()
                    ? new Scope(SubjectType.MARKET, bucket.currency(), null, bucket.currency())
                    : new Scope(subjectOf(by.get(0)), bucket.group().get(by.get(0)), by.get(0), bucket.currency());
            SalesFigures[] hours = series.computeIfAbsent(scope, key -> {
                SalesFigures[] empty = new SalesFigures[length];
                Arrays.fill(empty, SalesFigures.ZERO);
                return empty;
            });
            int index = (int) ChronoUnit.HOURS.between(from, bucket.bucket());
            if (index >= 0 && index < length) {
                hours[index] = hours[index].plus(bucket.figures());
            }
        }
    }

    /**
     * The live judgement of one hour, for benchmarks: whether rule {@code ruleId} with these thresholds finds hour
     * {@code hour} of {@code hours} (hour 0 beginning at {@code from}; the live detector passes the four weeks before
     * it) anomalous.
     */
    public static boolean finds(
            String ruleId,
            double band,
            long minVolume,
            double minDeviation,
            SalesFigures[] hours,
            int hour,
            Instant from) {
        Rule rule = RULES.stream()
                .filter(candidate -> candidate.id().equals(ruleId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no anomaly rule " + ruleId));
        Thresholds thresholds = new Thresholds(0, band, minVolume, minDeviation);
        Scope scope = new Scope(SubjectType.MARKET, "benchmark", null, "USD");
        return (rule.drop()
                        ? drop(rule, thresholds, hours, hour, from, scope)
                        : spike(rule, thresholds, hours, hour, from, scope))
                .isPresent();
    }

    /** A drop below the seasonal model's band, fitted on the hours before {@code hour}. */
    static Optional<AnomalyEvidence> drop(
            Rule rule, Thresholds thresholds, SalesFigures[] hours, int hour, Instant from, Scope scope) {
        int first = 0;
        while (first < hour && rule.figure().applyAsLong(hours[first]) == 0) {
            first++;
        }
        if (hour - first < Granularity.HOUR.minimum) {
            return Optional.empty();
        }
        double[] history = new double[hour - first];
        for (int i = 0; i < history.length; i++) {
            // on the square-root scale, where counts' noise is about as large in a quiet hour as in a busy one
            history[i] = Math.sqrt(rule.figure().applyAsLong(hours[first + i]));
        }
        // the orders this hour of the day usually has: a drop from a handful is no evidence of anything
        double volume = 0;
        for (int i = hour - DAY; i >= hour - WEEK; i -= DAY) {
            volume += rule.volume().applyAsLong(hours[i]);
        }
        volume /= WEEK / DAY;
        double[] band;
        try {
            Fit fit = SeasonalModel.fit(Granularity.HOUR, from.plus(first, ChronoUnit.HOURS), history);
            double[] root = SeasonalModel.next(fit, level(thresholds));
            band = new double[] {square(root[0]), square(root[1]), square(root[2])};
        } catch (SingularMatrixException e) {
            return Optional.empty();
        }
        double actual = rule.figure().applyAsLong(hours[hour]);
        double expected = band[0];
        if (actual >= band[1]
                || volume < thresholds.minVolume()
                || expected <= 0
                || (expected - actual) / expected < thresholds.minDeviation()) {
            return Optional.empty();
        }
        return Optional.of(evidence(rule, thresholds, from, hour, scope, expected, band[1], band[2], actual, volume));
    }

    /**
     * A rate above its band: the week before's rate (its numerator over its denominator, all hours pooled) as the
     * expected one, and a binomial band at the hour's own volume, widened by the week's overdispersion (robustly:
     * {@link #dispersion}), so that a quiet hour's few attempts need a
     * larger rise than a busy hour's many.
     */
    static Optional<AnomalyEvidence> spike(
            Rule rule, Thresholds thresholds, SalesFigures[] hours, int hour, Instant from, Scope scope) {
        long volume = rule.volume().applyAsLong(hours[hour]);
        long denominator = rule.denominator().applyAsLong(hours[hour]);
        if (volume < thresholds.minVolume() || denominator == 0 || hour < WEEK) {
            return Optional.empty();
        }
        double numerators = 0;
        double denominators = 0;
        int counted = 0;
        for (int i = hour - WEEK; i < hour; i++) {
            long below = rule.denominator().applyAsLong(hours[i]);
            if (below > 0) {
                numerators += rule.figure().applyAsLong(hours[i]);
                denominators += below;
                counted++;
            }
        }
        if (counted < 24) {
            return Optional.empty();
        }
        double expected = numerators / denominators;
        double actual = (double) rule.figure().applyAsLong(hours[hour]) / denominator;
        if (expected >= 1 || actual - expected < thresholds.minDeviation()) {
            return Optional.empty();
        }
        double trials = volume / dispersion(rule, hours, hour, expected);
        double successes = Math.min(actual, 1) * trials;
        // P(X ≥ successes) for X ~ Binomial(trials, expected), continuous in both: I_p(x, n − x + 1)
        double tail = expected <= 0 ? 0 : Beta.regularizedBeta(expected, successes, trials - successes + 1);
        if (tail >= 1 - level(thresholds)) {
            return Optional.empty();
        }
        BinomialDistribution band = new BinomialDistribution((int) Math.max(1, Math.round(trials)), expected);
        double scale = band.getNumberOfTrials();
        return Optional.of(evidence(
                rule,
                thresholds,
                from,
                hour,
                scope,
                expected,
                band.inverseCumulativeProbability(1 - level(thresholds)) / scale,
                band.inverseCumulativeProbability(level(thresholds)) / scale,
                actual,
                volume));
    }

    /**
     * The week before's overdispersion against a binomial at {@code expected}: the median of each hour's squared
     * Pearson residual at its own volume, over the median of a χ² with one degree of freedom (the median, so that an
     * earlier spike in the week does not widen the band and hide the next), over the hours expecting at least one
     * (their residuals are mostly the binomial's skew); at least 1, and 1 with fewer than a day of such hours.
     */
    private static double dispersion(Rule rule, SalesFigures[] hours, int hour, double expected) {
        if (expected <= 0) {
            return 1;
        }
        double[] squares = new double[WEEK];
        int counted = 0;
        for (int i = hour - WEEK; i < hour; i++) {
            long below = rule.denominator().applyAsLong(hours[i]);
            long volume = rule.volume().applyAsLong(hours[i]);
            if (below > 0 && volume * expected >= 1) {
                double rate = (double) rule.figure().applyAsLong(hours[i]) / below;
                squares[counted++] = (rate - expected) * (rate - expected) * volume / (expected * (1 - expected));
            }
        }
        if (counted < DAY) {
            return 1;
        }
        return Math.max(1, new Median().evaluate(squares, 0, counted) / CHI_SQUARED_MEDIAN);
    }

    private static AnomalyEvidence evidence(
            Rule rule,
            Thresholds thresholds,
            Instant from,
            int hour,
            Scope scope,
            double expected,
            double lower,
            double upper,
            double actual,
            double volume) {
        return new AnomalyEvidence(
                from.plus(hour, ChronoUnit.HOURS),
                rule.metric(),
                scope.currency(),
                level(thresholds),
                expected,
                lower,
                upper,
                actual,
                volume,
                List.of());
    }

    private void raise(Found found) {
        AnomalyEvidence evidence =
                found.subject() == SubjectType.MARKET ? withContributors(found.evidence()) : found.evidence();
        Instant hourEnd = evidence.hour().plus(1, ChronoUnit.HOURS);
        RaiseAlertCommand alert = new RaiseAlertCommand(
                found.ruleId(),
                found.version(),
                found.subject(),
                found.subjectId(),
                evidence.hour().toString(),
                null,
                found.subject() == SubjectType.SELLER ? found.subjectId() : null,
                null,
                List.of(),
                null,
                RiskAction.ALERT,
                detail(found),
                hourEnd,
                evidence);
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(alert)
                    .andMetaData(
                            Map.of(MetadataKeys.PRINCIPAL, "rule:" + found.ruleId(), MetadataKeys.SOURCE, "anomaly")));
        } catch (RuntimeException e) {
            log.warn("could not raise {} for {}: {}", found.ruleId(), found.subjectId(), e.getMessage());
        }
    }

    /** The sentence an alert (and a backtest's finding) carries. */
    public static String detail(Found found) {
        AnomalyEvidence evidence = found.evidence();
        return String.format(
                Locale.ROOT,
                "%s %s in %s, hour %s: %s %.4g against %.4g expected, band [%.4g, %.4g] at %.0f%% (version %d)",
                found.subject().name().toLowerCase(Locale.ROOT),
                found.subjectId(),
                evidence.currency(),
                evidence.hour(),
                evidence.metric(),
                evidence.actual(),
                evidence.expected(),
                evidence.lower(),
                evidence.upper(),
                evidence.level() * 100,
                found.version());
    }

    /** The sellers that moved the market's metric most against the same hour a week earlier. */
    private AnomalyEvidence withContributors(AnomalyEvidence evidence) {
        Instant hour = evidence.hour();
        Instant weekBefore = hour.minus(7, ChronoUnit.DAYS);
        var answer = attribution.handle(new FindAttributionQuery(
                evidence.metric(),
                hour,
                hour.plus(1, ChronoUnit.HOURS),
                weekBefore,
                weekBefore.plus(1, ChronoUnit.HOURS),
                List.of("seller"),
                evidence.currency(),
                3));
        Attribution.Change change = answer.currencies().get(evidence.currency());
        List<AnomalyEvidence.Contributor> contributors = new ArrayList<>();
        if (change != null) {
            for (Part part : change.contributions()) {
                if (part.change() != null) {
                    contributors.add(new AnomalyEvidence.Contributor(
                            "seller", part.member().get("seller"), part.change().doubleValue()));
                }
            }
        }
        return new AnomalyEvidence(
                evidence.hour(),
                evidence.metric(),
                evidence.currency(),
                evidence.level(),
                evidence.expected(),
                evidence.lower(),
                evidence.upper(),
                evidence.actual(),
                evidence.volume(),
                List.copyOf(contributors));
    }

    /** The rule's version in force from the rules' read model; empty when not recorded yet or disabled. */
    private Optional<Thresholds> thresholds(String ruleId) {
        Document stored = readModels
                .collection(ProjectionNames.VIEWS, RiskCollections.RULES)
                .find(eq("_id", ruleId))
                .first();
        if (stored == null) {
            return Optional.empty();
        }
        RuleView rule = RuleView.of(stored);
        if (!rule.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new Thresholds(
                rule.version(), rule.decimal("band"), rule.whole("min-volume"), rule.decimal("min-deviation")));
    }

    private static double square(double root) {
        return root <= 0 ? 0 : root * root;
    }

    private static double level(Thresholds thresholds) {
        return Math.min(0.9999, thresholds.band());
    }

    private static SubjectType subjectOf(String dimension) {
        return switch (dimension) {
            case "seller" -> SubjectType.SELLER;
            case "channel" -> SubjectType.CHANNEL;
            default -> SubjectType.COUNTRY;
        };
    }
}
