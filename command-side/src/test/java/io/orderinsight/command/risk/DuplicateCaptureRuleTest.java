package io.orderinsight.command.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.domain.shared.Money;
import org.junit.jupiter.api.Test;

/** The {@code duplicate-capture} rule (DuplicateCaptureRule): when it fires, what it names, and once per occasion. */
class DuplicateCaptureRuleTest extends RuleHarness {

    @Test
    void duplicateCaptureFiresOnASecondPaymentCapturedOnAFullyCapturedOrder() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        authorize("p-1", "o-1", 1_000, "USD", "fp-1", "DE", "DE");
        assertThat(capture("p-1", "o-1", 1_000)).isEmpty();
        authorize("p-2", "o-1", 1_000, "USD", "fp-1", "DE", "DE");
        assertThat(capture("p-2", "o-1", 700)).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.DUPLICATE_CAPTURE);
            assertThat(finding.moneyAtRisk()).isEqualTo(Money.of(700, "USD"));
            assertThat(finding.evidence()).hasSize(2);
        });
    }

    @Test
    void duplicateCaptureNeedsTheOrderFullyCapturedBefore() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        authorize("p-1", "o-1", 999, "USD", "fp-1", "DE", "DE");
        capture("p-1", "o-1", 999);
        authorize("p-2", "o-1", 1_000, "USD", "fp-1", "DE", "DE");
        assertThat(capture("p-2", "o-1", 1)).as("999 + 1 is exactly the total").isEmpty();
        assertThat(capture("p-2", "o-1", 1))
                .as("more on the payment that completed the total is over-capture, not a duplicate")
                .extracting(Finding::ruleId)
                .containsExactly(RuleCatalog.AMOUNT_MISMATCH);
    }
}
