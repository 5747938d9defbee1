package io.orderinsight.benchmarks;

import io.orderinsight.infra.simulator.HistoryCurve;
import io.orderinsight.query.AnomalyDetector;
import io.orderinsight.query.SalesFigures;
import io.orderinsight.query.SeasonalModel;
import io.orderinsight.query.SeasonalModel.Fit;
import io.orderinsight.query.SeasonalModel.Granularity;
import io.orderinsight.query.SeasonalModel.Point;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * How well the forecasts' model predicts: hourly orders and GMV drawn from the simulator's own curve
 * ({@link HistoryCurve}: daily and weekly shape, Poisson orders, each order's value drawn around a median of 45.00),
 * at a fixed volume; from day {@code --predict-train} on, each day is forecast from the four weeks before it (as the
 * forecast endpoint fits them) and scored against what was drawn: hourly WAPE beside the seasonal-naive forecast's
 * (each hour as it was a week earlier), and the share of hours inside the 80% and 95% bands. The model is the
 * endpoint's ({@link SeasonalModel}); the series is what the counters would hold, so the figures are the model's.
 *
 * <pre>java -jar benchmarks/target/order-insight-benchmarks.jar predict [--predict-days=28] [--predict-train=14]
 *     [--per-hour=400] [--predict-seed=1] [--tune-seed=11] [--score-seed=12] [--report=BENCHMARKS.md]</pre>
 *
 * <p>Then the anomaly rules, as the live detector judges each hour ({@link AnomalyDetector#finds}), on per-channel and
 * per-seller series drawn the same way with anomalies injected in the scored days: an hour of one channel's GMV and
 * orders at 30%, and an hour of one seller's declines at 40% of its attempts (against 5%). Thresholds are chosen on
 * one seed (100% recall first, then the best precision) and scored on another.
 */
final class PredictBenchmark {

    private static final String SECTION = "predict";
    /** A Monday: the series begins with a whole week. */
    private static final Instant FIRST = Instant.parse("2026-01-05T00:00:00Z");

    private PredictBenchmark() {}

    static void run(Map<String, String> options, String[] args) throws Exception {
        int days = Integer.parseInt(options.getOrDefault("predict-days", "28"));
        int train = Integer.parseInt(options.getOrDefault("predict-train", "14"));
        double perHour = Double.parseDouble(options.getOrDefault("per-hour", "400"));
        long seed = Long.parseLong(options.getOrDefault("predict-seed", "1"));
        if (train < 8 || days <= train) {
            throw new IllegalArgumentException("--predict-train must be at least 8 days and below --predict-days");
        }
        System.out.printf(
                Locale.ROOT,
                "Order Insight forecast accuracy: %d days at up to %.0f orders an hour, scored from day %d (seed %d)%n",
                days,
                perHour,
                train,
                seed);
        HistoryCurve curve = new HistoryCurve(perHour);
        SplittableRandom random = new SplittableRandom(seed);
        int hours = days * 24;
        double[] orders = new double[hours];
        double[] gmv = new double[hours];
        for (int h = 0; h < hours; h++) {
            long count = curve.draw(FIRST.plus(h, ChronoUnit.HOURS), random);
            orders[h] = count;
            double value = 0;
            for (long i = 0; i < count; i++) {
                // log-normal around 45.00 (minor units), spread 0.6
                double gaussian =
                        Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
                value += Math.round(4_500 * Math.exp(0.6 * gaussian));
            }
            gmv[h] = value;
        }
        Score ordersScore = score(orders, train, days);
        Score gmvScore = score(gmv, train, days);
        String table =
                "| metric | hours scored | WAPE | seasonal-naive WAPE | in 80% band | in 95% band | fit + forecast |\n"
                        + "|---|---|---|---|---|---|---|\n"
                        + ordersScore.row("orders")
                        + gmvScore.row("GMV");
        System.out.println();
        System.out.println(table);
        for (var entry : List.of(Map.entry("orders", ordersScore), Map.entry("GMV", gmvScore))) {
            Score score = entry.getValue();
            Summary.add(
                    "predict",
                    "hourly WAPE of " + entry.getKey() + ", next day from 4 weeks, " + (days - train) + " days",
                    String.format(Locale.ROOT, "%.1f%% (80%% band: %.0f%%)", 100 * score.wape(), 100 * score.in80()),
                    String.format(Locale.ROOT, "seasonal naive: %.1f%%", 100 * score.naive()),
                    String.format(Locale.ROOT, "%.2f", score.wape() / score.naive()));
        }
        long tuneSeed = Long.parseLong(options.getOrDefault("tune-seed", "11"));
        long scoreSeed = Long.parseLong(options.getOrDefault("score-seed", "12"));
        String anomalies = anomalies(perHour, days, train, tuneSeed, scoreSeed);
        System.out.println(anomalies);
        Path report = Path.of(options.getOrDefault("report", "BENCHMARKS.md"));
        Reports.replaceSection(report, SECTION, """
                ## Forecast accuracy (predict)

                Run on %s, %s. Command:

                ```
                mvn -B -q package -DskipTests && java -jar benchmarks/target/order-insight-benchmarks.jar %s
                ```

                %d days of hourly orders from the simulator's curve (`HistoryCurve`: quiet at night, busiest in the
                evening, weekends a fifth busier, up to %.0f orders an hour on a weekday, Poisson noise; each order's
                value log-normal around 45.00), each day from day %d on forecast from the four weeks before it by the
                forecast endpoint's model (`SeasonalModel`) and scored against the draw. Targets: hourly WAPE ≤ 10%%,
                below the seasonal-naive forecast's; 75–85%% of hours inside the 80%% band.

                %s
                %s
                """.formatted(
                LocalDate.now(), Reports.machine(), String.join(" ", args), days, perHour, train, table, anomalies));
        System.out.println("written to " + report.toAbsolutePath());
    }

    private static final double[] CHANNEL_SHARES = {0.35, 0.25, 0.2, 0.12, 0.08};
    private static final int SELLERS = 20;
    private static final int INJECTED = 6;
    private static final double[] BANDS = {0.99, 0.995, 0.999};
    private static final double[] DROP_DEVIATIONS = {0.3, 0.4, 0.5};
    private static final double[] RATE_DEVIATIONS = {0.05, 0.1, 0.15};
    private static final long[] VOLUMES = {5, 10, 20};

    /** One seed's world: per-channel and per-seller hourly figures, and the injected anomalies' (scope, hour) keys. */
    private record World(
            SalesFigures[][] channels, SalesFigures[][] sellers, Set<Long> channelDrops, Set<Long> sellerSpikes) {}

    /** One rule scored on one kind of scope. */
    private record Scored(
            String ruleId,
            String scopes,
            double[] deviations,
            Function<World, SalesFigures[][]> figures,
            Function<World, Set<Long>> injected) {}

    private static World world(double perHour, int days, int train, long seed) {
        HistoryCurve curve = new HistoryCurve(perHour);
        SplittableRandom random = new SplittableRandom(seed);
        int hours = days * 24;
        SalesFigures[][] channels = new SalesFigures[CHANNEL_SHARES.length][hours];
        SalesFigures[][] sellers = new SalesFigures[SELLERS][hours];
        double zipf = 0;
        for (int s = 1; s <= SELLERS; s++) {
            zipf += 1 / Math.pow(s, 1.1);
        }
        for (int h = 0; h < hours; h++) {
            double expected = curve.expected(FIRST.plus(h, ChronoUnit.HOURS));
            for (int c = 0; c < channels.length; c++) {
                long orders = HistoryCurve.draw(random, expected * CHANNEL_SHARES[c]);
                long attempts = HistoryCurve.draw(random, orders * 1.06);
                long declines = HistoryCurve.draw(random, attempts * 0.05);
                channels[c][h] = new SalesFigures(orders, orders * 4_500L, 0, 0, 0, declines, attempts);
            }
            for (int s = 0; s < SELLERS; s++) {
                double share = (1 / Math.pow(s + 1, 1.1)) / zipf;
                long attempts = HistoryCurve.draw(random, expected * share * 1.06);
                long declines = HistoryCurve.draw(random, attempts * 0.05);
                sellers[s][h] = new SalesFigures(attempts, attempts * 4_500L, 0, 0, 0, declines, attempts);
            }
        }
        Set<Long> drops = new HashSet<>();
        while (drops.size() < INJECTED) {
            int c = random.nextInt(channels.length);
            int h = train * 24 + random.nextInt((days - train) * 24);
            SalesFigures before = channels[c][h];
            if (before.orders() < 20 || !drops.add(key(c, h))) {
                continue;
            }
            long orders = Math.round(before.orders() * 0.3);
            channels[c][h] =
                    new SalesFigures(orders, orders * 4_500L, 0, 0, 0, before.declines(), before.paymentAttempts());
        }
        Set<Long> spikes = new HashSet<>();
        while (spikes.size() < INJECTED) {
            int s = random.nextInt(SELLERS);
            int h = train * 24 + random.nextInt((days - train) * 24);
            SalesFigures before = sellers[s][h];
            if (before.paymentAttempts() < 20 || !spikes.add(key(s, h))) {
                continue;
            }
            sellers[s][h] = new SalesFigures(
                    before.orders(),
                    before.gmv(),
                    0,
                    0,
                    0,
                    Math.round(before.paymentAttempts() * 0.4),
                    before.paymentAttempts());
        }
        return new World(channels, sellers, drops, spikes);
    }

    private static long key(int scope, int hour) {
        return (long) scope << 32 | hour;
    }

    /** Recall and precision of one rule with given thresholds over the scored days of a world. */
    private record Found(long truePositives, long falsePositives, long missed) {

        double recall() {
            return truePositives + missed == 0 ? 1 : (double) truePositives / (truePositives + missed);
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }
    }

    private static Found judge(
            String ruleId,
            double band,
            long volume,
            double deviation,
            SalesFigures[][] scopes,
            Set<Long> injected,
            int days,
            int train) {
        long truePositives = 0;
        long falsePositives = 0;
        for (int scope = 0; scope < scopes.length; scope++) {
            for (int h = train * 24; h < days * 24; h++) {
                // what the live detector passes: the four weeks before the hour, and the hour
                int from = Math.max(0, h - Granularity.HOUR.history());
                SalesFigures[] window = Arrays.copyOfRange(scopes[scope], from, h + 1);
                boolean flagged = AnomalyDetector.finds(
                        ruleId, band, volume, deviation, window, window.length - 1, FIRST.plus(from, ChronoUnit.HOURS));
                boolean anomaly = injected.contains(key(scope, h));
                truePositives += flagged && anomaly ? 1 : 0;
                falsePositives += flagged && !anomaly ? 1 : 0;
            }
        }
        return new Found(truePositives, falsePositives, injected.size() - truePositives);
    }

    /** Thresholds tuned on one seed's world (full recall, then precision), scored on another's. */
    private static String anomalies(double perHour, int days, int train, long tuneSeed, long scoreSeed) {
        World tuning = world(perHour, days, train, tuneSeed);
        World scoring = world(perHour, days, train, scoreSeed);
        StringBuilder table = new StringBuilder(String.format(
                Locale.ROOT,
                "Anomaly rules: %d injected anomalies per rule and seed in the scored days; thresholds tuned on seed %d,"
                        + " scored on seed %d.%n%n"
                        + "| rule | scopes | band | min-volume | min-deviation | tuning recall / precision | scored recall"
                        + " | scored precision | false alarms |%n|---|---|---|---|---|---|---|---|---|%n",
                INJECTED,
                tuneSeed,
                scoreSeed));
        List<Scored> rules = List.of(
                new Scored(
                        "anomaly-gmv-drop",
                        CHANNEL_SHARES.length + " channels",
                        DROP_DEVIATIONS,
                        World::channels,
                        World::channelDrops),
                new Scored(
                        "anomaly-decline-rate",
                        SELLERS + " sellers",
                        RATE_DEVIATIONS,
                        World::sellers,
                        World::sellerSpikes));
        for (Scored rule : rules) {
            double bestBand = BANDS[0];
            long bestVolume = VOLUMES[0];
            double bestDeviation = rule.deviations()[0];
            Found best = null;
            for (double band : BANDS) {
                for (long volume : VOLUMES) {
                    for (double deviation : rule.deviations()) {
                        Found found = judge(
                                rule.ruleId(),
                                band,
                                volume,
                                deviation,
                                rule.figures().apply(tuning),
                                rule.injected().apply(tuning),
                                days,
                                train);
                        if (best == null
                                || found.recall() > best.recall()
                                || (found.recall() == best.recall() && found.precision() > best.precision())) {
                            best = found;
                            bestBand = band;
                            bestVolume = volume;
                            bestDeviation = deviation;
                        }
                    }
                }
            }
            Found scored = judge(
                    rule.ruleId(),
                    bestBand,
                    bestVolume,
                    bestDeviation,
                    rule.figures().apply(scoring),
                    rule.injected().apply(scoring),
                    days,
                    train);
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.3f | %d | %.2f | %.0f%% / %.0f%% | %.0f%% | %.0f%% | %d |%n",
                    rule.ruleId(),
                    rule.scopes(),
                    bestBand,
                    bestVolume,
                    bestDeviation,
                    100 * best.recall(),
                    100 * best.precision(),
                    100 * scored.recall(),
                    100 * scored.precision(),
                    scored.falsePositives()));
            Summary.add(
                    "predict",
                    rule.ruleId() + ": injected anomalies (tuned on seed " + tuneSeed + ", scored on " + scoreSeed
                            + ")",
                    String.format(
                            Locale.ROOT,
                            "recall %.0f%%, precision %.0f%%",
                            100 * scored.recall(),
                            100 * scored.precision()),
                    "target: 100%, ≥ 90%",
                    "—");
        }
        return table.toString();
    }

    /** Errors summed over the scored hours; bands' coverage; the mean time of one fit and forecast. */
    record Score(int hours, double wape, double naive, double in80, double in95, double millis) {

        String row(String metric) {
            return String.format(
                    Locale.ROOT,
                    "| %s | %,d | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f ms |%n",
                    metric,
                    hours,
                    100 * wape,
                    100 * naive,
                    100 * in80,
                    100 * in95,
                    millis);
        }
    }

    private static Score score(double[] series, int train, int days) {
        double error = 0;
        double naiveError = 0;
        double actual = 0;
        int in80 = 0;
        int in95 = 0;
        int scored = 0;
        long nanos = 0;
        for (int day = train; day < days; day++) {
            int end = day * 24;
            int start = Math.max(0, end - Granularity.HOUR.history());
            double[] history = Arrays.copyOfRange(series, start, end);
            long began = System.nanoTime();
            Fit fit = SeasonalModel.fit(Granularity.HOUR, FIRST.plus(start, ChronoUnit.HOURS), history);
            List<Point> next = SeasonalModel.forecast(fit, 24, true);
            nanos += System.nanoTime() - began;
            for (int h = 0; h < 24; h++) {
                double y = series[end + h];
                Point point = next.get(h);
                error += Math.abs(y - point.forecast());
                naiveError += Math.abs(y - series[end + h - 24 * 7]);
                actual += Math.abs(y);
                in80 += y >= point.lower80() && y <= point.upper80() ? 1 : 0;
                in95 += y >= point.lower95() && y <= point.upper95() ? 1 : 0;
                scored++;
            }
        }
        return new Score(
                scored,
                error / actual,
                naiveError / actual,
                (double) in80 / scored,
                (double) in95 / scored,
                nanos / 1e6 / (days - train));
    }
}
