package io.orderinsight.command.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.domain.risk.RiskAction;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code merchant-dispute-ratio} rule (MerchantDisputeRatioRule): when it fires, what it names, and once per occasion. */
class MerchantDisputeRatioRuleTest extends RuleHarness {

    @Test
    void merchantDisputeRatioWarnsAndThenAlerts() {
        engine = engineWith(Map.of(RuleCatalog.MERCHANT_DISPUTE_RATIO, Map.of("min-count", "4", "ratio", "0.5")));
        for (int i = 1; i <= 8; i++) {
            place("o-" + i, "c-" + i, "s-1", 1_000, "USD", "DE");
            authorize("p-" + i, "o-" + i, 1_000, "USD", "fp-" + i, "DE", "DE");
            capture("p-" + i, "o-" + i, 1_000);
        }
        assertThat(dispute("p-1", "o-1", "d-1", 1_000)).isEmpty();
        assertThat(dispute("p-2", "o-2", "d-2", 1_000)).isEmpty();
        assertThat(dispute("p-3", "o-3", "d-3", 1_000))
                .as("3 of 8 = 0.375, the warning at 75% of 0.5 with 75% of 4 disputes")
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.action()).isEqualTo(RiskAction.WARN);
                    assertThat(finding.subjectId()).isEqualTo("s-1");
                });
        assertThat(dispute("p-4", "o-4", "d-4", 1_000))
                .singleElement()
                .satisfies(finding -> assertThat(finding.action()).isEqualTo(RiskAction.ALERT));
        assertThat(dispute("p-5", "o-5", "d-5", 1_000)).as("once per month").isEmpty();
    }

    @Test
    void merchantDisputeRatioCanCountAgainstThePreviousMonth() {
        engine = engineWith(Map.of(
                RuleCatalog.MERCHANT_DISPUTE_RATIO,
                Map.of("min-count", "1", "ratio", "0.5", "denominator-month", "previous")));
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        authorize("p-1", "o-1", 1_000, "USD", "fp-1", "DE", "DE");
        capture("p-1", "o-1", 1_000);
        assertThat(dispute("p-1", "o-1", "d-1", 1_000))
                .as("no captures in February")
                .isEmpty();
        later(Duration.ofDays(31));
        assertThat(dispute("p-1", "o-1", "d-2", 1_000))
                .extracting(Finding::action)
                .containsExactly(RiskAction.ALERT);
    }

    @Test
    void merchantDisputeRatioWarnsWhenTheMonthIsProjectedToBreach() {
        engine = engineWith(Map.of(
                RuleCatalog.MERCHANT_DISPUTE_RATIO,
                Map.of("min-count", "8", "ratio", "0.5", "denominator-month", "previous")));
        for (int i = 1; i <= 20; i++) {
            place("o-" + i, "c-" + i, "s-1", 1_000, "USD", "DE");
            authorize("p-" + i, "o-" + i, 1_000, "USD", "fp-" + i, "DE", "DE");
            capture("p-" + i, "o-" + i, 1_000);
        }
        later(Duration.ofDays(31));
        // 1.4 days into April, over March's 20 captured payments: too few disputes yet to project from
        for (int i = 1; i <= 5; i++) {
            assertThat(dispute("p-" + i, "o-" + i, "d-" + i, 1_000)).isEmpty();
        }
        // the sixth (75% of 8): 6 of 20 now, projected to 127 and 6.35 by the month's end
        assertThat(dispute("p-6", "o-6", "d-6", 1_000)).singleElement().satisfies(finding -> {
            assertThat(finding.action()).isEqualTo(RiskAction.WARN);
            assertThat(finding.detail()).contains("projected to 127 and 6.35 by the month's end");
        });
        for (int i = 7; i <= 9; i++) {
            assertThat(dispute("p-" + i, "o-" + i, "d-" + i, 1_000))
                    .as("the projection stood for the warning")
                    .isEmpty();
        }
        // ten of twenty: the ratio, with at least eight
        assertThat(dispute("p-10", "o-10", "d-10", 1_000))
                .extracting(Finding::action)
                .containsExactly(RiskAction.ALERT);
    }
}
