package io.orderinsight.command.risk;

import static io.orderinsight.command.risk.RuleCatalog.SHIPPED_BEFORE_CAPTURE;

import io.orderinsight.command.risk.Facts.OrderFacts;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.shared.Money;
import java.util.Optional;
import java.util.Set;

/** shipped-before-capture: shipped with less than its total captured; the uncaptured part is exposed. */
final class ShippedBeforeCaptureRule extends EventRule {

    ShippedBeforeCaptureRule() {
        super(SHIPPED_BEFORE_CAPTURE, Set.of(OrderShippedEvent.class), Set.of());
    }

    @Override
    public Optional<Finding> judge(Remembered facts, Trigger trigger, RuleVersion rule) {
        OrderFacts order = facts.order();
        if (order.cashOnDelivery || order.captured >= order.total || order.alerted.contains(SHIPPED_BEFORE_CAPTURE)) {
            return Optional.empty();
        }
        return Optional.of(Finding.aboutOrder(
                rule,
                order,
                order.captureEvidence(trigger),
                Money.of(order.total - order.captured, order.currency),
                RiskAction.ALERT,
                "order " + order.orderId + " shipped with " + order.captured + " of " + order.total + " "
                        + order.currency + " captured",
                SHIPPED_BEFORE_CAPTURE));
    }
}
