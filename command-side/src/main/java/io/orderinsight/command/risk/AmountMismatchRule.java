package io.orderinsight.command.risk;

import static io.orderinsight.command.risk.RuleCatalog.AMOUNT_MISMATCH;
import static io.orderinsight.command.risk.RuleCatalog.DUPLICATE_CAPTURE;

import io.orderinsight.command.risk.Facts.OrderFacts;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.shared.Money;
import java.util.Optional;
import java.util.Set;

/**
 * amount-mismatch: as captured, the order's captures now exceed its total (unless the capture was a duplicate
 * capture, alerted as such); as shipped, something but not exactly the total was captured (cash-on-delivery
 * excepted, and not after an over-capture).
 */
final class AmountMismatchRule extends EventRule {

    static final String OVER = AMOUNT_MISMATCH + ":over";
    static final String SHIPMENT = AMOUNT_MISMATCH + ":shipment";

    AmountMismatchRule() {
        super(AMOUNT_MISMATCH, Set.of(PaymentCapturedEvent.class, OrderShippedEvent.class), Set.of());
    }

    @Override
    public Optional<Finding> judge(Remembered facts, Trigger trigger, RuleVersion rule) {
        OrderFacts order = facts.order();
        if (trigger.payload() instanceof PaymentCapturedEvent) {
            if (facts.found(DUPLICATE_CAPTURE) || order.captured <= order.total || order.alerted.contains(OVER)) {
                return Optional.empty();
            }
            return Optional.of(Finding.aboutOrder(
                    rule,
                    order,
                    order.captureEvidence(trigger),
                    Money.of(order.captured - order.total, order.currency),
                    RiskAction.ALERT,
                    "captures of " + order.captured + " exceed the order total " + order.total + " " + order.currency,
                    OVER));
        }
        if (order.cashOnDelivery
                || order.captured == 0
                || order.captured == order.total
                || order.alerted.contains(OVER)
                || order.alerted.contains(SHIPMENT)) {
            return Optional.empty();
        }
        return Optional.of(Finding.aboutOrder(
                rule,
                order,
                order.captureEvidence(trigger),
                Money.of(Math.abs(order.total - order.captured), order.currency),
                RiskAction.ALERT,
                "order " + order.orderId + " shipped with " + order.captured + " captured against a total of "
                        + order.total + " " + order.currency,
                SHIPMENT));
    }
}
