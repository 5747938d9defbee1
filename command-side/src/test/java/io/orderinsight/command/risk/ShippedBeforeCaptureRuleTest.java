package io.orderinsight.command.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import org.junit.jupiter.api.Test;

/** The {@code shipped-before-capture} rule (ShippedBeforeCaptureRule): when it fires, what it names, and once per occasion. */
class ShippedBeforeCaptureRuleTest extends RuleHarness {

    @Test
    void shippedBeforeCaptureFiresBelowTheTotalExceptCashOnDelivery() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        assertThat(ship("o-1")).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RuleCatalog.SHIPPED_BEFORE_CAPTURE);
            assertThat(finding.moneyAtRisk()).isEqualTo(Money.of(1_000, "USD"));
        });
        place("o-2", "c-2", "s-1", 1_000, "USD", "DE");
        authorize("p-2", "o-2", 1_000, "USD", "fp-2", "DE", "DE");
        capture("p-2", "o-2", 1_000);
        assertThat(ship("o-2")).as("fully captured").isEmpty();
        place("o-3", "c-3", "s-1", 1_000, "USD", "DE");
        run(trigger(new PaymentAuthorizedEvent(
                PaymentId.of("p-3"), OrderId.of("o-3"), Money.of(1_000, "USD"), PaymentMethod.COD, null, clock)));
        assertThat(ship("o-3")).as("cash on delivery").isEmpty();
    }
}
