package io.orderinsight.command.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.shared.Money;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code refund-abuse} rule (RefundAbuseRule): when it fires, what it names, and once per occasion. */
class RefundAbuseRuleTest extends RuleHarness {

    @Test
    void refundAbuseHoldsAtTheThirdRequestWithinTheWindow() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        assertThat(requestRefund("r-1", "o-1", "c-1")).isEmpty();
        later(Duration.ofDays(3));
        assertThat(requestRefund("r-2", "o-1", "c-1")).isEmpty();
        later(Duration.ofDays(4).plusSeconds(1));
        assertThat(requestRefund("r-3", "o-1", "c-1"))
                .as("the first fell out of 7 days")
                .isEmpty();
        later(Duration.ofDays(1));
        assertThat(requestRefund("r-4", "o-1", "c-1")).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.REFUND_ABUSE);
            assertThat(finding.action()).isEqualTo(RiskAction.HOLD_REFUNDS);
            assertThat(finding.subjectId()).isEqualTo("c-1");
            assertThat(finding.evidence()).hasSize(3);
        });
        assertThat(requestRefund("r-5", "o-1", "c-1")).as("once per window").isEmpty();
    }

    @Test
    void refundAbuseHoldsWhenRefundsExceedTheShareOfCaptures() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        authorize("p-1", "o-1", 1_000, "USD", "fp-1", "DE", "DE");
        capture("p-1", "o-1", 1_000);
        assertThat(settleRefund("r-1", "p-1", "o-1", 300)).as("exactly 30%").isEmpty();
        assertThat(settleRefund("r-2", "p-1", "o-1", 1)).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.REFUND_ABUSE);
            assertThat(finding.moneyAtRisk()).isEqualTo(Money.of(1, "USD"));
        });
    }
}
