package io.orderinsight.simulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * The simulator's own curve of orders per hour, for seeded history and the forecasts' accuracy benchmark: quiet at
 * night and busiest in the evening (UTC), weekends a fifth busier, {@code perHour} at the busiest hour of a weekday,
 * with Poisson noise. Defined here, apart from the forecasting model, which knows nothing of it.
 */
public final class HistoryCurve {

    private final double perHour;

    public HistoryCurve(double perHour) {
        this.perHour = perHour;
    }

    /** The expected orders of the hour beginning at {@code hour}. */
    public double expected(Instant hour) {
        ZonedDateTime at = hour.atZone(ZoneOffset.UTC);
        double daily = 0.6 - 0.4 * Math.cos(2 * Math.PI * (at.getHour() - 3) / 24.0);
        boolean weekend = at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY;
        return perHour * daily * (weekend ? 1.2 : 1.0);
    }

    /** A draw of the orders of that hour. */
    public long draw(Instant hour, SplittableRandom random) {
        return draw(random, expected(hour));
    }

    /** A Poisson count of mean {@code mean} (Knuth's method for small means, the normal approximation for large). */
    public static long draw(SplittableRandom random, double mean) {
        if (mean > 200) {
            double gaussian =
                    Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
