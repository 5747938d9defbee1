package io.orderinsight.command.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.domain.shared.Money;
import org.junit.jupiter.api.Test;

/** The {@code geo-mismatch} rule (GeoMismatchRule): when it fires, what it names, and once per occasion. */
class GeoMismatchRuleTest extends RuleHarness {

    @Test
    void geoMismatchFiresFromTheMinimumAmountWhenCountriesDiffer() {
        place("o-1", "c-1", "s-1", 50_000, "USD", "DE");
        assertThat(authorize("p-1", "o-1", 50_000, "USD", "fp-1", "US", "DE"))
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.ruleId()).isEqualTo(RuleCatalog.GEO_MISMATCH);
                    assertThat(finding.subjectId()).isEqualTo("o-1");
                    assertThat(finding.moneyAtRisk()).isEqualTo(Money.of(50_000, "USD"));
                });
        assertThat(authorize("p-2", "o-1", 50_000, "USD", "fp-1", "US", "FR"))
                .as("once per order")
                .isEmpty();

        place("o-2", "c-2", "s-1", 49_999, "USD", "DE");
        assertThat(authorize("p-3", "o-2", 49_999, "USD", "fp-2", "US", "FR"))
                .as("one cent below")
                .isEmpty();
        place("o-3", "c-3", "s-1", 90_000, "USD", "DE");
        assertThat(authorize("p-4", "o-3", 90_000, "USD", "fp-3", "DE", "DE"))
                .as("countries agree")
                .isEmpty();
    }

    @Test
    void geoMismatchComparesInTheReportingCurrency() {
        place("o-1", "c-1", "s-1", 45_455, "EUR", "DE");
        assertThat(authorize("p-1", "o-1", 45_455, "EUR", "fp-1", "US", "DE")).hasSize(1);
        place("o-2", "c-2", "s-1", 45_454, "EUR", "DE");
        assertThat(authorize("p-2", "o-2", 45_454, "EUR", "fp-2", "US", "DE"))
                .as("499.99 USD")
                .isEmpty();
    }
}
