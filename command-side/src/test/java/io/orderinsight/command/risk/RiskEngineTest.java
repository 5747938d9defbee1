package io.orderinsight.command.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.shared.DisputeId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine: a rule disabled in the version in force judges nothing; an event about an order not remembered is not
 * judged; what a batch reads ahead follows from the fact keeper's changes and the triggered rules' reads.
 */
class RiskEngineTest extends RuleHarness {

    @Test
    void aDisabledRuleFindsNothing() {
        engine = engineWith(Map.of(RuleCatalog.SHIPPED_BEFORE_CAPTURE, Map.of("enabled", "false")));
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        assertThat(ship("o-1")).isEmpty();
    }

    @Test
    void anEventAboutAnOrderNotRememberedIsNotJudged() {
        assertThat(ship("o-unknown")).isEmpty();
        assertThat(facts.find(FactKeeper.orderKey("o-unknown"), Facts.OrderFacts.class))
                .isNull();
    }

    @Test
    void readsAheadWhatTheKeeperChangesAndTheTriggeredRulesRead() {
        place("o-1", "c-1", "s-1", 1_000, "USD", "DE");
        Facts.OrderFacts order = facts.find(FactKeeper.orderKey("o-1"), Facts.OrderFacts.class);
        Object declined = new PaymentDeclinedEvent(
                PaymentId.of("p-1"),
                OrderId.of("o-1"),
                Money.of(1_000, "USD"),
                PaymentMethod.CARD,
                "insufficient funds",
                new PaymentInstrument("fp-1", "DE", "DE"),
                clock);
        assertThat(RiskEngine.relatedKeys(order, declined, clock)).containsExactly("customer:c-1", "card:fp-1");
        Object opened = new DisputeOpenedEvent(
                PaymentId.of("p-1"), OrderId.of("o-1"), DisputeId.of("d-1"), Money.of(1_000, "USD"), "fraud", clock);
        assertThat(RiskEngine.relatedKeys(order, opened, clock))
                .containsExactly("seller:s-1:2026-03", "seller:s-1:2026-02");
        assertThat(RiskEngine.relatedKeys(order, new OrderShippedEvent(OrderId.of("o-1"), "DHL", "T-1", clock), clock))
                .isEmpty();
    }
}
