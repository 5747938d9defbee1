package io.orderinsight.command.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.risk.SubjectType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code card-testing} rule (CardingRule): when it fires, what it names, and once per occasion. */
class CardTestingRuleTest extends RuleHarness {

    @Test
    void cardTestingBlocksAtTheFifthDeclineOfACustomerWithinAnHour() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        for (int i = 1; i <= 4; i++) {
            assertThat(decline("p-" + i, "o-1", "fp-1")).isEmpty();
            later(Duration.ofMinutes(10));
        }
        assertThat(decline("p-5", "o-1", "fp-1")).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.CARD_TESTING);
            assertThat(finding.subjectType()).isEqualTo(SubjectType.CUSTOMER);
            assertThat(finding.action()).isEqualTo(RiskAction.BLOCK_ORDERS);
            assertThat(finding.evidence()).hasSize(5);
        });
    }

    @Test
    void cardTestingIgnoresDeclinesOlderThanTheWindow() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        for (int i = 1; i <= 5; i++) {
            assertThat(decline("p-" + i, "o-1", "fp-1")).isEmpty();
            later(Duration.ofMinutes(16));
        }
    }

    @Test
    void cardTestingFiresForOneCardAcrossCustomers() {
        for (int i = 1; i <= 5; i++) {
            place("o-" + i, "c-" + i, "s-1", 1_000, "USD", "DE");
            List<Finding> findings = decline("p-" + i, "o-" + i, "fp-shared");
            if (i < 5) {
                assertThat(findings).isEmpty();
            } else {
                assertThat(findings).singleElement().satisfies(finding -> {
                    assertThat(finding.subjectType()).isEqualTo(SubjectType.CARD);
                    assertThat(finding.customerId()).isEqualTo("c-5");
                });
            }
        }
    }

    @Test
    void cardTestingBlocksAtTheThirdDistinctCardWithinAnHour() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        assertThat(authorize("p-1", "o-1", 1_000, "USD", "fp-1", "DE", "DE")).isEmpty();
        assertThat(authorize("p-2", "o-1", 1_000, "USD", "fp-2", "DE", "DE")).isEmpty();
        assertThat(authorize("p-3", "o-1", 1_000, "USD", "fp-2", "DE", "DE"))
                .as("the same card again")
                .isEmpty();
        assertThat(authorize("p-4", "o-1", 1_000, "USD", "fp-3", "DE", "DE"))
                .extracting(Finding::ruleId)
                .containsExactly(RuleCatalog.CARD_TESTING);
    }

    @Test
    void cardTestingCountsOnlyTheCardsWithinTheWindow() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        assertThat(authorize("p-1", "o-1", 1_000, "USD", "fp-1", "DE", "DE")).isEmpty();
        later(Duration.ofMinutes(61));
        assertThat(authorize("p-2", "o-1", 1_000, "USD", "fp-2", "DE", "DE")).isEmpty();
        assertThat(authorize("p-3", "o-1", 1_000, "USD", "fp-3", "DE", "DE"))
                .as("the first card is out of the window")
                .isEmpty();
        assertThat(authorize("p-4", "o-1", 1_000, "USD", "fp-1", "DE", "DE"))
                .singleElement()
                .satisfies(finding -> assertThat(finding.evidence()).hasSize(3));
    }
}
