package io.orderinsight.command.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.domain.shared.Money;
import org.junit.jupiter.api.Test;

/** The {@code amount-mismatch} rule (AmountMismatchRule): when it fires, what it names, and once per occasion. */
class AmountMismatchRuleTest extends RuleHarness {

    @Test
    void amountMismatchFiresOnCapturesAboveTheTotalAndOnPartialCaptureAtShipment() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        authorize("p-1", "o-1", 2_000, "USD", "fp-1", "DE", "DE");
        assertThat(capture("p-1", "o-1", 1_000)).as("exactly the total").isEmpty();
        assertThat(capture("p-1", "o-1", 1)).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.AMOUNT_MISMATCH);
            assertThat(finding.moneyAtRisk()).isEqualTo(Money.of(1, "USD"));
        });
        assertThat(ship("o-1")).as("already alerted for this order").isEmpty();

        place("o-2", "c-2", "s-1", 1_000, "USD", "DE");
        authorize("p-2", "o-2", 1_000, "USD", "fp-2", "DE", "DE");
        capture("p-2", "o-2", 999);
        assertThat(ship("o-2"))
                .extracting(Finding::ruleId)
                .containsExactlyInAnyOrder(RuleCatalog.AMOUNT_MISMATCH, RuleCatalog.SHIPPED_BEFORE_CAPTURE);
    }
}
