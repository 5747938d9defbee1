package io.orderinsight.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.concurrent.TimeUnit;

/** An application timer's count and its published p50 and p99, in milliseconds (NaN when it has none). */
record TimerFigures(long count, double p50, double p99) {

    static TimerFigures of(MeterRegistry meters, String name) {
        Timer timer = meters.find(name).timer();
        if (timer == null) {
            return new TimerFigures(0, Double.NaN, Double.NaN);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == 0.5) {
                p50 = value.value(TimeUnit.MILLISECONDS);
            } else if (value.percentile() == 0.99) {
                p99 = value.value(TimeUnit.MILLISECONDS);
            }
        }
        return new TimerFigures(timer.count(), p50, p99);
    }
}
