package io.orderinsight.query;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Where a seller's month is heading against the card networks' monitoring programmes, at its pace so far: each
 * programme's ratio now, its projection to the month's end, and the days until it is breached.
 *
 * <p>The counters keep a seller's figures per month (disputes, confirmed fraud, captured payments), so the pace is the
 * month so far: its figures over the days elapsed (at least one, so that a month's first hours do not project a few
 * events into thousands). Projected to the month's end, a count grows by the days in the month over the days elapsed.
 * <ul>
 *   <li><b>Mastercard ECM</b> (Excessive Chargeback Merchant): the month's disputes over the previous month's captured
 *       payments, breached at 100 disputes and 1.5%. The denominator is fixed for the month, so the ratio climbs with
 *       every dispute: breached on the day the disputes reach {@code max(100, ⌈1.5% × denominator⌉)}; at the current
 *       pace that is {@code (needed − disputes) / pace} days from now, if it falls within the month.
 *   <li><b>Visa VAMP</b> (Acquirer Monitoring Program): the month's disputes and confirmed fraud over its captured
 *       payments, breached at 1.5%. Both grow at their own pace, so at the current pace the projected ratio is the
 *       ratio now: breached now (0 days) or not this month at this pace (no days).
 * </ul>
 * {@code status}: {@code BREACHED}, {@code PROJECTED} (breached by the month's end at the current pace), {@code OK},
 * or {@code NO_DENOMINATOR} (nothing captured to divide by).
 */
final class BreachRadar {

    static final String MASTERCARD_ECM = "mastercard-ecm";
    static final String VISA_VAMP = "visa-vamp";
    static final double ECM_RATIO = 0.015;
    static final long ECM_MINIMUM = 100;
    static final double VAMP_RATIO = 0.015;

    private BreachRadar() {}

    /** A seller's month in one currency: disputes, confirmed fraud and captured payments. */
    record Month(long disputes, long fraud, long capturedPayments) {
        static final Month NONE = new Month(0, 0, 0);
    }

    /** One programme's view of the month. */
    record Programme(
            String programme,
            String definition,
            double threshold,
            long minimumCount,
            long numerator,
            long denominator,
            Double ratio,
            long projectedNumerator,
            Double projectedRatio,
            Integer daysUntilBreach,
            String status) {}

    /** Both programmes for {@code month} (the month {@code now} falls in) and the month before it. */
    static List<Programme> of(Month month, Month previous, Instant now) {
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Instant start = current.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        double elapsed = Math.max(1.0, (now.toEpochMilli() - start.toEpochMilli()) / 86_400_000.0);
        int days = current.lengthOfMonth();
        double remaining = days - elapsed;
        double scale = days / elapsed;
        return List.of(ecm(month, previous, elapsed, remaining, scale), vamp(month, scale));
    }

    private static Programme ecm(Month month, Month previous, double elapsed, double remaining, double scale) {
        long disputes = month.disputes();
        long denominator = previous.capturedPayments();
        long projected = Math.round(disputes * scale);
        String definition = "disputes this month / captured payments of the previous month; breached at " + ECM_MINIMUM
                + " disputes and " + percent(ECM_RATIO);
        Integer daysUntil = null;
        String status = "NO_DENOMINATOR";
        if (denominator > 0) {
            long needed = Math.max(ECM_MINIMUM, (long) Math.ceil(ECM_RATIO * denominator - 1e-9));
            status = "OK";
            if (disputes >= needed) {
                daysUntil = 0;
                status = "BREACHED";
            } else if (disputes > 0 && (needed - disputes) / (disputes / elapsed) <= remaining) {
                daysUntil = (int) Math.ceil((needed - disputes) / (disputes / elapsed));
                status = "PROJECTED";
            }
        }
        return new Programme(
                MASTERCARD_ECM,
                definition,
                ECM_RATIO,
                ECM_MINIMUM,
                disputes,
                denominator,
                denominator == 0 ? null : (double) disputes / denominator,
                projected,
                denominator == 0 ? null : (double) projected / denominator,
                daysUntil,
                status);
    }

    private static Programme vamp(Month month, double scale) {
        long numerator = month.disputes() + month.fraud();
        long denominator = month.capturedPayments();
        String definition = "disputes and confirmed fraud this month / captured payments this month; breached at "
                + percent(VAMP_RATIO);
        long projected = Math.round(numerator * scale);
        if (denominator == 0) {
            return new Programme(
                    VISA_VAMP, definition, VAMP_RATIO, 0, numerator, 0, null, projected, null, null, "NO_DENOMINATOR");
        }
        double ratio = (double) numerator / denominator;
        boolean breached = ratio >= VAMP_RATIO;
        return new Programme(
                VISA_VAMP,
                definition,
                VAMP_RATIO,
                0,
                numerator,
                denominator,
                ratio,
                projected,
                ratio,
                breached ? 0 : null,
                breached ? "BREACHED" : "OK");
    }

    private static String percent(double ratio) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", ratio * 100);
    }
}
