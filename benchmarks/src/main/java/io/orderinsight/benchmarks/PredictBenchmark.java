package io.orderinsight.benchmarks;

import io.orderinsight.infra.simulator.HistoryCurve;
import io.orderinsight.query.SeasonalModel;
import io.orderinsight.query.SeasonalModel.Fit;
import io.orderinsight.query.SeasonalModel.Granularity;
import io.orderinsight.query.SeasonalModel.Point;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How well the forecasts' model predicts: hourly orders and GMV drawn from the simulator's own curve
 * ({@link HistoryCurve}: daily and weekly shape, Poisson orders, each order's value drawn around a median of 45.00),
 * at a fixed volume; from day {@code --predict-train} on, each day is forecast from the four weeks before it (as the
 * forecast endpoint fits them) and scored against what was drawn: hourly WAPE beside the seasonal-naive forecast's
 * (each hour as it was a week earlier), and the share of hours inside the 80% and 95% bands. The model is the
 * endpoint's ({@link SeasonalModel}); the series is what the counters would hold, so the figures are the model's.
 *
 * <pre>java -jar benchmarks/target/order-insight-benchmarks.jar predict [--predict-days=28] [--predict-train=14]
 *     [--per-hour=400] [--predict-seed=1] [--report=BENCHMARKS.md]</pre>
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
                """.formatted(
                        LocalDate.now(), Reports.machine(), String.join(" ", args), days, perHour, train, table));
        System.out.println("written to " + report.toAbsolutePath());
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
            double[] history = java.util.Arrays.copyOfRange(series, start, end);
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
