package io.orderinsight.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.orderinsight.query.BreachRadar.Month;
import io.orderinsight.query.BreachRadar.Programme;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A seller's month against the networks' programmes, projected at its pace so far. */
class BreachRadarTest {

    /** Ten days into a 30-day month. */
    private static final Instant TENTH = Instant.parse("2026-11-11T00:00:00Z");

    @Test
    void projectsMastercardsDisputeCountToTheMonthsEndAndCountsTheDaysUntilItsBreached() {
        // 40 disputes in 10 days, 4,000 payments captured last month: 100 needed (1.5% of 4,000 is 60)
        Programme ecm = ecm(BreachRadar.of(new Month(40, 0, 3_000), new Month(0, 0, 4_000), TENTH));

        assertThat(ecm.ratio()).isCloseTo(0.01, within(1e-12));
        assertThat(ecm.projectedNumerator()).isEqualTo(120);
        assertThat(ecm.projectedRatio()).isCloseTo(0.03, within(1e-12));
        // 60 more at 4 a day
        assertThat(ecm.daysUntilBreach()).isEqualTo(15);
        assertThat(ecm.status()).isEqualTo("PROJECTED");
    }

    @Test
    void aPaceThatDoesNotReachTheThresholdThisMonthHasNoDays() {
        Programme ecm = ecm(BreachRadar.of(new Month(20, 0, 3_000), new Month(0, 0, 10_000), TENTH));

        // 150 needed (1.5% of 10,000), 60 projected
        assertThat(ecm.daysUntilBreach()).isNull();
        assertThat(ecm.status()).isEqualTo("OK");
    }

    @Test
    void breachedProgrammesAreZeroDaysAway() {
        List<Programme> programmes = BreachRadar.of(new Month(150, 10, 5_000), new Month(0, 0, 6_000), TENTH);

        assertThat(ecm(programmes).status()).isEqualTo("BREACHED");
        assertThat(ecm(programmes).daysUntilBreach()).isZero();
        Programme vamp = vamp(programmes);
        assertThat(vamp.ratio()).isCloseTo(160.0 / 5_000, within(1e-12));
        assertThat(vamp.status()).isEqualTo("BREACHED");
        assertThat(vamp.daysUntilBreach()).isZero();
    }

    @Test
    void visasRatioKeepsItsValueAtAnEvenPace() {
        Programme vamp = vamp(BreachRadar.of(new Month(5, 2, 1_000), Month.NONE, TENTH));

        assertThat(vamp.projectedNumerator()).isEqualTo(21);
        assertThat(vamp.projectedRatio()).isCloseTo(0.007, within(1e-12));
        assertThat(vamp.daysUntilBreach()).isNull();
        assertThat(vamp.status()).isEqualTo("OK");
    }

    @Test
    void withoutCapturedPaymentsThereIsNoRatio() {
        List<Programme> programmes = BreachRadar.of(new Month(3, 0, 0), Month.NONE, TENTH);

        assertThat(programmes).allSatisfy(programme -> {
            assertThat(programme.status()).isEqualTo("NO_DENOMINATOR");
            assertThat(programme.ratio()).isNull();
        });
    }

    @Test
    void theMonthsFirstHoursCountAsADay() {
        Instant early = Instant.parse("2026-11-01T02:00:00Z");
        Programme ecm = ecm(BreachRadar.of(new Month(2, 0, 10), new Month(0, 0, 1_000), early));

        assertThat(ecm.projectedNumerator()).isEqualTo(60);
    }

    private static Programme ecm(List<Programme> programmes) {
        return programmes.stream()
                .filter(programme -> programme.programme().equals(BreachRadar.MASTERCARD_ECM))
                .findFirst()
                .orElseThrow();
    }

    private static Programme vamp(List<Programme> programmes) {
        return programmes.stream()
                .filter(programme -> programme.programme().equals(BreachRadar.VISA_VAMP))
                .findFirst()
                .orElseThrow();
    }
}
