package io.orderinsight.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.orderinsight.query.SeasonalModel.Fit;
import io.orderinsight.query.SeasonalModel.Granularity;
import io.orderinsight.query.SeasonalModel.Holdout;
import io.orderinsight.query.SeasonalModel.Point;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The model on series whose seasons, trend and noise are known. */
class SeasonalModelTest {

    /** Monday 2026-01-05T00:00Z: hour 0 of the reference day. */
    private static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");

    /** A daily curve peaking in the evening, weekends busier, a slight upward trend. */
    private static double expected(Instant at, int index) {
        var time = at.atZone(ZoneOffset.UTC);
        double daily = 50 + 40 * Math.sin(2 * Math.PI * (time.getHour() - 9) / 24.0);
        double weekly = switch (time.getDayOfWeek()) {
            case SATURDAY -> 30;
            case SUNDAY -> 20;
            case FRIDAY -> 10;
            default -> 0;
        };
        return daily + weekly + 0.5 * index / 24.0;
    }

    @Test
    void recoversAnExactSeasonalSeriesAndForecastsItsNextDay() {
        int days = 21;
        double[] series = new double[days * 24];
        for (int i = 0; i < series.length; i++) {
            // the model's form exactly: hour effects, day effects and a linear trend, no noise
            var time = MONDAY.plusSeconds(3600L * i).atZone(ZoneOffset.UTC);
            series[i] = 100 + 3 * time.getHour() + (time.getDayOfWeek().getValue() == 6 ? 25 : 0) + 0.25 * i;
        }
        Fit fit = SeasonalModel.fit(Granularity.HOUR, MONDAY, series);

        assertThat(fit.parameters()).isEqualTo(31);
        assertThat(fit.residualStandardError()).isLessThan(1e-6);
        List<Point> next = SeasonalModel.forecast(fit, 24, true);
        for (int h = 0; h < 24; h++) {
            int index = series.length + h;
            var time = MONDAY.plusSeconds(3600L * index).atZone(ZoneOffset.UTC);
            double truth = 100 + 3 * time.getHour() + (time.getDayOfWeek().getValue() == 6 ? 25 : 0) + 0.25 * index;
            assertThat(next.get(h).forecast()).isCloseTo(truth, within(1e-6));
            assertThat(next.get(h).bucket()).isEqualTo(time.toInstant());
        }
    }

    /**
     * Three weeks of a noisy curve: the forecast of the next day is close (WAPE under 10%), about 80% of the next
     * week's buckets fall in the 80% band and about 95% in the 95% band, and the model beats the seasonal-naive
     * forecast on its holdout.
     */
    @Test
    void forecastsANoisySeasonalSeriesWithBandsThatCoverAsTheySay() {
        Random noise = new Random(7);
        int days = 28;
        double sigma = 6;
        double[] series = new double[days * 24 + 24 * 7];
        for (int i = 0; i < series.length; i++) {
            series[i] = expected(MONDAY.plusSeconds(3600L * i), i) + sigma * noise.nextGaussian();
        }
        double[] history = java.util.Arrays.copyOf(series, days * 24);
        Fit fit = SeasonalModel.fit(Granularity.HOUR, MONDAY, history);
        List<Point> week = SeasonalModel.forecast(fit, 24 * 7, true);

        double error = 0;
        double actual = 0;
        int in80 = 0;
        int in95 = 0;
        for (int h = 0; h < week.size(); h++) {
            double y = series[history.length + h];
            Point point = week.get(h);
            error += Math.abs(y - point.forecast());
            actual += Math.abs(y);
            in80 += y >= point.lower80() && y <= point.upper80() ? 1 : 0;
            in95 += y >= point.lower95() && y <= point.upper95() ? 1 : 0;
            assertThat(point.lower95()).isLessThanOrEqualTo(point.lower80());
            assertThat(point.upper95()).isGreaterThanOrEqualTo(point.upper80());
        }
        assertThat(error / actual).isLessThan(0.10);
        assertThat(in80 / (double) week.size()).isBetween(0.70, 0.90);
        assertThat(in95 / (double) week.size()).isBetween(0.88, 1.0);
        // the curve is a sine, not 24 free hour effects plus a week of 7: the residual error is the noise and a little
        assertThat(fit.residualStandardError()).isBetween(sigma * 0.8, sigma * 1.5);

        Holdout holdout = SeasonalModel.holdout(Granularity.HOUR, MONDAY, history, true);
        assertThat(holdout.buckets()).isEqualTo(24);
        assertThat(holdout.wape()).isLessThan(holdout.seasonalNaiveWape());
    }

    @Test
    void dailyBucketsHaveAWeeklySeasonAndATrend() {
        double[] series = new double[35];
        for (int i = 0; i < series.length; i++) {
            int day = MONDAY.plusSeconds(86_400L * i)
                    .atZone(ZoneOffset.UTC)
                    .getDayOfWeek()
                    .getValue();
            series[i] = 1_000 + (day >= 6 ? 300 : 0) + 10 * i;
        }
        Fit fit = SeasonalModel.fit(Granularity.DAY, MONDAY, series);

        assertThat(fit.parameters()).isEqualTo(8);
        Point saturday = SeasonalModel.forecast(fit, 7, true).get(5);
        assertThat(saturday.bucket().atZone(ZoneOffset.UTC).getDayOfWeek().getValue())
                .isEqualTo(6);
        assertThat(saturday.forecast()).isCloseTo(1_000 + 300 + 10 * 40, within(1e-6));
    }

    @Test
    void cutsBandsOfCountsAtZero() {
        double[] series = new double[24 * 8];
        Random noise = new Random(3);
        for (int i = 0; i < series.length; i++) {
            series[i] = Math.max(0, noise.nextGaussian());
        }
        for (Point point : SeasonalModel.forecast(SeasonalModel.fit(Granularity.HOUR, MONDAY, series), 24, true)) {
            assertThat(point.lower95()).isGreaterThanOrEqualTo(0);
            assertThat(point.forecast()).isGreaterThanOrEqualTo(0);
        }
    }
}
