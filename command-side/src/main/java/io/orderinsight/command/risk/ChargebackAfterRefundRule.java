package io.orderinsight.command.risk;

import static io.orderinsight.command.risk.RuleCatalog.CHARGEBACK_AFTER_REFUND;

import io.orderinsight.command.risk.Facts.OrderFacts;
import io.orderinsight.command.risk.Facts.PaymentFacts;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.domain.shared.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** chargeback-after-refund: a dispute on a payment already refunded; the overlap can be lost twice. */
final class ChargebackAfterRefundRule extends EventRule {

    ChargebackAfterRefundRule() {
        super(CHARGEBACK_AFTER_REFUND, Set.of(DisputeOpenedEvent.class), Set.of());
    }

    @Override
    public Optional<Finding> judge(Remembered facts, Trigger trigger, RuleVersion rule) {
        DisputeOpenedEvent opened = (DisputeOpenedEvent) trigger.payload();
        OrderFacts order = facts.order();
        String paymentId = opened.paymentId().value();
        PaymentFacts payment = order.payments.get(paymentId);
        long disputed = opened.amount().minor();
        if (payment.refunded <= 0) {
            return Optional.empty();
        }
        long overlap = Math.min(disputed, payment.refunded);
        List<String> evidence = new ArrayList<>(payment.refundEvents);
        evidence.add(trigger.eventId());
        return Optional.of(new Finding(
                CHARGEBACK_AFTER_REFUND,
                rule.version(),
                SubjectType.PAYMENT,
                paymentId,
                order.customerId,
                order.sellerId,
                order.orderId,
                evidence,
                Money.of(overlap, order.currency),
                RiskAction.ALERT,
                "dispute " + opened.disputeId().value() + " of " + disputed + " opened on payment " + paymentId
                        + " which already refunded " + payment.refunded + " " + order.currency,
                opened.disputeId().value()));
    }
}
