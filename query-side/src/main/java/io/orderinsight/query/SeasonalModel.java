package io.orderinsight.query;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * The forecasts' model: a series of buckets explained by a linear trend, the hour of the day (hourly series) and the
 * day of the week (UTC), fitted by ordinary least squares (Apache Commons Math's {@link OLSMultipleLinearRegression},
 * a QR decomposition). Daily and weekly seasonality are additive effects, one per hour of the day and one per day of
 * the week, on top of an intercept and the trend. A forecast's bands are prediction intervals of the regression:
 * {@code ŷ ± t(q, n − p) · s · √(1 + x′(XᵀX)⁻¹x)}, with {@code s} the residual standard error and {@code t} Student's
 * quantile for the {@code n − p} degrees of freedom (Commons Math's {@link TDistribution}) — they widen with the
 * distance from the fit, and assume residuals independent and normal, which hourly sales only roughly are; the holdout
 * check below measures how well they cover. Written here: only the design matrix (the seasonal dummies and the trend)
 * and the interval formula; the least squares, its covariance and the quantiles are the library's.
 */
public final class SeasonalModel {

    static final String NAME = "seasonal-ols";
    static final String DESCRIPTION = "intercept + linear trend + hour-of-day + day-of-week effects (UTC), ordinary"
            + " least squares; bands are the regression's prediction intervals (Student's t)";

    /** The buckets a model works in, with the history it needs and the holdout it is checked on. */
    public enum Granularity {
        /** Hourly: daily and weekly seasonality; 8 days at least (a week to fit the holdout check on, and a day). */
        HOUR(ChronoUnit.HOURS, 24 * 8, 24, 24 * 7, 24 * 28, 24 * 7),
        /** Daily: weekly seasonality; 3 weeks at least. */
        DAY(ChronoUnit.DAYS, 21, 7, 7, 26 * 7, 90);

        final ChronoUnit unit;
        /** The fewest buckets of history a forecast is made from. */
        final int minimum;
        /** The buckets held out to measure the model's error. */
        final int holdout;
        /** The season of the seasonal-naive baseline: the same bucket one week earlier. */
        final int week;
        /** The most buckets of history fitted: the latest ones. */
        final int history;
        /** The longest forecast. */
        final int longest;

        /** The most buckets of history a fit takes: the latest ones. */
        public int history() {
            return history;
        }

        Granularity(ChronoUnit unit, int minimum, int holdout, int week, int history, int longest) {
            this.unit = unit;
            this.minimum = minimum;
            this.holdout = holdout;
            this.week = week;
            this.history = history;
            this.longest = longest;
        }
    }

    /** A fitted model: the coefficients (intercept first), {@code (XᵀX)⁻¹}, the residual variance and its freedom. */
    public record Fit(
            Granularity granularity,
            Instant first,
            int observations,
            double[] beta,
            double[][] inverse,
            double variance,
            int freedom) {

        int parameters() {
            return beta.length;
        }

        double residualStandardError() {
            return Math.sqrt(variance);
        }
    }

    /** One bucket's forecast and its 80% and 95% prediction bands. */
    public record Point(
            Instant bucket, double forecast, double lower80, double upper80, double lower95, double upper95) {}

    /** How the model did on the held-out latest buckets, fitted without them; against the seasonal-naive baseline. */
    public record Holdout(int buckets, double wape, double seasonalNaiveWape, double coverage80) {}

    private SeasonalModel() {}

    /**
     * Fits {@code series}, bucket {@code i} beginning at {@code first} plus {@code i} units.
     *
     * @throws SingularMatrixException when the buckets cannot tell the effects apart
     */
    public static Fit fit(Granularity granularity, Instant first, double[] series) {
        double[][] x = new double[series.length][];
        for (int i = 0; i < series.length; i++) {
            x[i] = regressors(granularity, first, i);
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(series.clone(), x);
        double[] beta = ols.estimateRegressionParameters();
        return new Fit(
                granularity,
                first,
                series.length,
                beta,
                ols.estimateRegressionParametersVariance(),
                ols.estimateErrorVariance(),
                series.length - beta.length);
    }

    /**
     * The next {@code horizon} buckets after the fitted ones; with {@code nonNegative}, forecasts and bands below zero
     * are cut at zero (counts and amounts cannot be negative).
     */
    public static List<Point> forecast(Fit fit, int horizon, boolean nonNegative) {
        TDistribution t = new TDistribution(Math.max(1, fit.freedom()));
        double t80 = t.inverseCumulativeProbability(0.9);
        double t95 = t.inverseCumulativeProbability(0.975);
        List<Point> points = new ArrayList<>(horizon);
        for (int h = 0; h < horizon; h++) {
            int index = fit.observations() + h;
            double[] x = withIntercept(regressors(fit.granularity(), fit.first(), index));
            double estimate = dot(fit.beta(), x);
            double spread = Math.sqrt(fit.variance() * (1 + quadratic(fit.inverse(), x)));
            points.add(new Point(
                    fit.first().plus(index, fit.granularity().unit),
                    cut(estimate, nonNegative),
                    cut(estimate - t80 * spread, nonNegative),
                    cut(estimate + t80 * spread, nonNegative),
                    cut(estimate - t95 * spread, nonNegative),
                    cut(estimate + t95 * spread, nonNegative)));
        }
        return points;
    }

    /**
     * The forecast of the bucket right after the fitted ones and its two-sided prediction band at {@code level} (0.99:
     * a 99% band), as {@code [forecast, lower, upper]}.
     */
    static double[] next(Fit fit, double level) {
        double q = new TDistribution(Math.max(1, fit.freedom())).inverseCumulativeProbability((1 + level) / 2);
        double[] x = withIntercept(regressors(fit.granularity(), fit.first(), fit.observations()));
        double estimate = dot(fit.beta(), x);
        double spread = Math.sqrt(fit.variance() * (1 + quadratic(fit.inverse(), x)));
        return new double[] {estimate, estimate - q * spread, estimate + q * spread};
    }

    /**
     * The model fitted without the latest {@link Granularity#holdout} buckets, scored on them: weighted absolute
     * percentage error ({@code Σ|y − ŷ| / Σ|y|}), the same for the seasonal-naive forecast (each bucket as it was one
     * week earlier), and the share of the held-out buckets inside the 80% band.
     */
    static Holdout holdout(Granularity granularity, Instant first, double[] series, boolean nonNegative) {
        int fitted = series.length - granularity.holdout;
        double[] head = java.util.Arrays.copyOf(series, fitted);
        List<Point> points = forecast(fit(granularity, first, head), granularity.holdout, nonNegative);
        double error = 0;
        double naiveError = 0;
        double actual = 0;
        int covered = 0;
        for (int h = 0; h < points.size(); h++) {
            double y = series[fitted + h];
            Point point = points.get(h);
            error += Math.abs(y - point.forecast());
            naiveError += Math.abs(y - series[fitted + h - granularity.week]);
            actual += Math.abs(y);
            if (y >= point.lower80() && y <= point.upper80()) {
                covered++;
            }
        }
        return new Holdout(
                points.size(),
                actual == 0 ? Double.NaN : error / actual,
                actual == 0 ? Double.NaN : naiveError / actual,
                (double) covered / points.size());
    }

    /** Bucket {@code index}'s regressors without the intercept: the trend in days, then the seasonal dummies. */
    static double[] regressors(Granularity granularity, Instant first, int index) {
        Instant bucket = first.plus(index, granularity.unit);
        ZonedDateTime at = bucket.atZone(ZoneOffset.UTC);
        boolean hourly = granularity == Granularity.HOUR;
        double[] x = new double[1 + (hourly ? 23 : 0) + 6];
        x[0] = hourly ? index / 24.0 : index;
        int column = 1;
        if (hourly) {
            // hour 0 is the reference hour: the intercept holds it
            if (at.getHour() > 0) {
                x[column + at.getHour() - 1] = 1;
            }
            column += 23;
        }
        // Monday is the reference day
        DayOfWeek day = at.getDayOfWeek();
        if (day != DayOfWeek.MONDAY) {
            x[column + day.getValue() - 2] = 1;
        }
        return x;
    }

    private static double[] withIntercept(double[] x) {
        double[] full = new double[x.length + 1];
        full[0] = 1;
        System.arraycopy(x, 0, full, 1, x.length);
        return full;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double quadratic(double[][] matrix, double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * dot(matrix[i], x);
        }
        return sum;
    }

    private static double cut(double value, boolean nonNegative) {
        return nonNegative ? Math.max(0, value) : value;
    }
}
