package io.orderinsight.benchmarks;

import org.HdrHistogram.Histogram;

/** What one load run achieved: operations, failures, elapsed time and the latency of every operation. */
record LoadResult(String name, int clients, long operations, long failures, double seconds, Histogram latencyMicros) {

    double perSecond() {
        return operations / seconds;
    }

    double percentileMillis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
