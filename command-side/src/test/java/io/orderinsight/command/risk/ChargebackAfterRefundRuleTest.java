package io.orderinsight.command.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.domain.shared.Money;
import org.junit.jupiter.api.Test;

/** The {@code chargeback-after-refund} rule (ChargebackAfterRefundRule): when it fires, what it names, and once per occasion. */
class ChargebackAfterRefundRuleTest extends RuleHarness {

    @Test
    void chargebackAfterRefundPutsTheOverlapAtRisk() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        authorize("p-1", "o-1", 1_000, "USD", "fp-1", "DE", "DE");
        capture("p-1", "o-1", 1_000);
        assertThat(dispute("p-1", "o-1", "d-0", 100)).as("nothing refunded yet").isEmpty();
        settleRefund("r-1", "p-1", "o-1", 250);
        assertThat(dispute("p-1", "o-1", "d-1", 400)).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.CHARGEBACK_AFTER_REFUND);
            assertThat(finding.subjectType()).isEqualTo(SubjectType.PAYMENT);
            assertThat(finding.moneyAtRisk()).isEqualTo(Money.of(250, "USD"));
        });
    }
}
