package io.orderinsight.domain.risk;

import java.time.Instant;
import java.util.List;

/**
 * What an anomaly rule saw in one completed hour of event time: the metric, its expected value and band at the rule's
 * band level, the actual figure, the volume it was judged on, and the members that moved most against the same hour a
 * week earlier (from attribution).
 *
 * @param hour the start of the hour (UTC)
 * @param metric gmv, orders, declineRate or refundRate
 * @param currency the currency of the figures
 * @param level the band's level, e.g. 0.99
 * @param expected the expected value: the model's forecast, or the mean rate of the week before
 * @param lower the band's lower bound
 * @param upper the band's upper bound
 * @param actual the hour's figure
 * @param volume the hour's expected orders (drops) or payment attempts / captured payments (rates)
 * @param contributors the members that moved most, largest first
 */
public record AnomalyEvidence(
        Instant hour,
        String metric,
        String currency,
        double level,
        double expected,
        double lower,
        double upper,
        double actual,
        double volume,
        List<Contributor> contributors) {

    /** A member of a dimension and its part of the change against the same hour a week earlier. */
    public record Contributor(String dimension, String member, double change) {}
}
