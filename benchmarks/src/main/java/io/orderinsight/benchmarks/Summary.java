package io.orderinsight.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one run of the suite, each beside the baseline measured in the same run: what {@code all} prints as one
 * table at the end and writes at the top of BENCHMARKS.md.
 */
final class Summary {

    /** One measured figure; {@code baseline} is what it is compared with, {@code ratio} figure ÷ baseline. */
    record Row(String area, String measurement, String figure, String baseline, String ratio) {}

    private static final List<Row> ROWS = new ArrayList<>();

    private Summary() {}

    static synchronized void add(String area, String measurement, String figure, String baseline, String ratio) {
        ROWS.add(new Row(area, measurement, figure, baseline, ratio));
    }

    /** A rate beside its baseline rate; the ratio is the first ÷ the second. */
    static void rate(
            String area, String measurement, double rate, String baselineName, double baselineRate, String unit) {
        add(
                area,
                measurement,
                String.format(Locale.ROOT, "%,.0f %s", rate, unit),
                String.format(Locale.ROOT, "%s: %,.0f %s", baselineName, baselineRate, unit),
                String.format(Locale.ROOT, "%.2f", rate / baselineRate));
    }

    /** A latency with no baseline of its own (its growth is read across sizes). */
    static void latency(String area, String measurement, double p50, double p99) {
        add(area, measurement, String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", p50, p99), "—", "—");
    }

    static synchronized String table() {
        StringBuilder table = new StringBuilder(
                "| area | measurement | figure | baseline (same run) | ratio |\n|---|---|---|---|---|\n");
        for (Row row : ROWS) {
            table.append("| %s | %s | %s | %s | %s |%n"
                    .formatted(row.area(), row.measurement(), row.figure(), row.baseline(), row.ratio()));
        }
        return table.toString();
    }
}
