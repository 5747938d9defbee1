package io.orderinsight.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.orderinsight.domain.risk.AnomalyEvidence;
import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.query.AnomalyDetector.Rule;
import io.orderinsight.query.AnomalyDetector.Scope;
import io.orderinsight.query.AnomalyDetector.Thresholds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The anomaly rules on hourly series whose shape is known. */
class AnomalyDetectorTest {

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final Scope MARKET = new Scope(SubjectType.MARKET, "EUR", null, "EUR");
    private static final Thresholds DEFAULTS = new Thresholds(1, 0.99, 20, 0.30);

    /** Ten days of orders on a daily curve (30 to 70 an hour) with noise; the last hour's orders as given. */
    private static SalesFigures[] orders(long last) {
        Random noise = new Random(11);
        SalesFigures[] hours = new SalesFigures[24 * 10 + 1];
        for (int i = 0; i < hours.length - 1; i++) {
            int hour = START.plusSeconds(3600L * i).atZone(ZoneOffset.UTC).getHour();
            long count = Math.round(50 + 20 * Math.sin(2 * Math.PI * (hour - 6) / 24.0) + 3 * noise.nextGaussian());
            hours[i] = new SalesFigures(count, count * 1_000, 0, 0, 0, 0, 0);
        }
        hours[hours.length - 1] = new SalesFigures(last, last * 1_000, 0, 0, 0, 0, 0);
        return hours;
    }

    private static Rule rule(String id) {
        return AnomalyDetector.RULES.stream()
                .filter(rule -> rule.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anHourFarBelowItsBandIsADrop() {
        SalesFigures[] hours = orders(5);
        Optional<AnomalyEvidence> found =
                AnomalyDetector.drop(rule("anomaly-gmv-drop"), DEFAULTS, hours, hours.length - 1, START, MARKET);

        assertThat(found).isPresent();
        AnomalyEvidence evidence = found.get();
        assertThat(evidence.actual()).isEqualTo(5_000);
        assertThat(evidence.lower()).isGreaterThan(5_000);
        assertThat(evidence.expected()).isGreaterThan(evidence.lower());
        assertThat(evidence.hour()).isEqualTo(START.plusSeconds(3600L * (hours.length - 1)));
        assertThat(evidence.level()).isCloseTo(0.99, within(1e-12));
    }

    @Test
    void anOrdinaryHourIsNoDropNorIsOneOfTooLittleVolume() {
        SalesFigures[] hours = orders(0);
        int last = hours.length - 1;
        // the hour as the curve would have it
        hours[last] = hours[last - 24 * 7];
        assertThat(AnomalyDetector.drop(rule("anomaly-orders-drop"), DEFAULTS, hours, last, START, MARKET))
                .isEmpty();
        // an empty hour, but the scope averages fewer orders an hour than the minimum volume
        SalesFigures[] quiet = orders(0);
        Thresholds strict = new Thresholds(1, 0.99, 100, 0.30);
        assertThat(AnomalyDetector.drop(rule("anomaly-orders-drop"), strict, quiet, last, START, MARKET))
                .isEmpty();
    }

    /** A decline rate about 5% for a week, then 40% of 50 attempts: a spike; of 10 attempts: too little volume. */
    @Test
    void aDeclineRateFarAboveTheWeeksBandIsASpike() {
        Random noise = new Random(5);
        SalesFigures[] hours = new SalesFigures[24 * 8 + 1];
        for (int i = 0; i < hours.length - 1; i++) {
            long attempts = 50;
            long declines = Math.max(0, Math.round(2.5 + 1.2 * noise.nextGaussian()));
            hours[i] = new SalesFigures(40, 40_000, 0, 0, 0, declines, attempts);
        }
        int last = hours.length - 1;
        hours[last] = new SalesFigures(40, 40_000, 0, 0, 0, 20, 50);

        Optional<AnomalyEvidence> found = AnomalyDetector.spike(
                rule("anomaly-decline-rate"), new Thresholds(2, 0.99, 20, 0.05), hours, last, START, MARKET);
        assertThat(found).isPresent();
        assertThat(found.get().actual()).isCloseTo(0.4, within(1e-12));
        assertThat(found.get().expected()).isCloseTo(0.05, within(0.01));
        assertThat(found.get().upper()).isLessThan(0.4);
        assertThat(found.get().volume()).isEqualTo(50);

        hours[last] = new SalesFigures(40, 40_000, 0, 0, 0, 4, 10);
        assertThat(AnomalyDetector.spike(
                        rule("anomaly-decline-rate"), new Thresholds(2, 0.99, 20, 0.05), hours, last, START, MARKET))
                .isEmpty();
    }
}
