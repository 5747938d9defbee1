package io.orderinsight.command.risk;

import static io.orderinsight.command.risk.RuleCatalog.DUPLICATE_CAPTURE;

import io.orderinsight.command.risk.Facts.OrderFacts;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.shared.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * duplicate-capture: money captured on a payment while the order's other payments had already captured its full
 * total. The excess over the total is at risk.
 */
final class DuplicateCaptureRule extends EventRule {

    DuplicateCaptureRule() {
        super(DUPLICATE_CAPTURE, Set.of(PaymentCapturedEvent.class), Set.of());
    }

    @Override
    public Optional<Finding> judge(Remembered facts, Trigger trigger, RuleVersion rule) {
        PaymentCapturedEvent captured = (PaymentCapturedEvent) trigger.payload();
        OrderFacts order = facts.order();
        String paymentId = captured.paymentId().value();
        long amount = captured.amount().minor();
        // the facts hold this capture already: the other payments' captures are as they were before it
        long capturedByOthers = order.captured - order.payments.get(paymentId).captured;
        String occasion = DUPLICATE_CAPTURE + ":" + paymentId;
        if (order.total <= 0 || capturedByOthers < order.total || order.alerted.contains(occasion)) {
            return Optional.empty();
        }
        long excess = Math.min(amount, order.captured - order.total);
        List<String> evidence = new ArrayList<>();
        order.payments.forEach((id, other) -> {
            if (!id.equals(paymentId)) {
                evidence.addAll(other.captureEvents);
            }
        });
        evidence.add(trigger.eventId());
        return Optional.of(Finding.aboutOrder(
                rule,
                order,
                evidence,
                Money.of(excess, order.currency),
                RiskAction.ALERT,
                "payment " + paymentId + " captured " + amount + " on order " + order.orderId
                        + " whose other payments had already captured " + capturedByOthers + " of its total "
                        + order.total + " " + order.currency,
                occasion));
    }
}
