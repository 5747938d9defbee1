package io.orderinsight.command.risk;

import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.PaymentVoidedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The deadline rules over a stream of stored events, for backtests: schedules and cancels as {@link
 * OrderDeadlinesSaga} does live, with the same {@link DeadlineRules}, and lets a deadline pass when the stream's
 * recorded time reaches it.
 */
public class DeadlineSimulation {

    /** A finding and the moment its deadline passed. */
    public record Due(Instant at, Finding finding) {}

    private record Pending(Instant due, Finding finding, String customerId, String sellerId) {}

    private final RuleSource rules;
    private final Map<String, Pending> unpaid = new HashMap<>();
    private final Map<String, Pending> stale = new HashMap<>();
    /** Every deadline scheduled, soonest first; a cancelled one is skipped when it comes up. */
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(Comparator.comparing(Pending::due));

    public DeadlineSimulation(RuleSource rules) {
        this.rules = rules;
    }

    /** The deadlines that passed before {@code trigger} was recorded, then what it schedules or cancels. */
    public List<Due> on(Trigger trigger) {
        List<Due> passed = until(trigger.recordedAt());
        Object payload = trigger.payload();
        if (payload instanceof OrderPlacedEvent placed) {
            RuleVersion rule = rules.at(RuleCatalog.UNPAID_ORDER, trigger.recordedAt());
            if (rule.enabled()) {
                String orderId = placed.orderId().value();
                Finding finding = DeadlineRules.unpaidOrder(
                        orderId,
                        placed.customerId().value(),
                        placed.sellerId().value(),
                        placed.total(),
                        trigger.eventId(),
                        rule);
                schedule(
                        unpaid,
                        orderId,
                        new Pending(
                                DeadlineRules.unpaidOrderDue(trigger.recordedAt(), rule),
                                finding,
                                placed.customerId().value(),
                                placed.sellerId().value()));
            }
        } else if (payload instanceof PaymentAuthorizedEvent authorized) {
            String orderId = authorized.orderId().value();
            String paymentId = authorized.paymentId().value();
            if (authorized.method() == PaymentMethod.COD) {
                unpaid.remove(orderId);
                return passed;
            }
            RuleVersion rule = rules.at(RuleCatalog.STALE_AUTHORIZATION, trigger.recordedAt());
            if (rule.enabled() && !stale.containsKey(paymentId)) {
                Pending order = unpaid.get(orderId);
                String customerId = order == null ? null : order.customerId();
                String sellerId = order == null ? null : order.sellerId();
                schedule(
                        stale,
                        paymentId,
                        new Pending(
                                DeadlineRules.staleAuthorizationDue(trigger.recordedAt(), rule),
                                DeadlineRules.staleAuthorization(
                                        paymentId,
                                        orderId,
                                        customerId,
                                        sellerId,
                                        authorized.amount(),
                                        trigger.eventId(),
                                        rule),
                                customerId,
                                sellerId));
            }
        } else if (payload instanceof PaymentCapturedEvent captured) {
            unpaid.remove(captured.orderId().value());
            stale.remove(captured.paymentId().value());
        } else if (payload instanceof PaymentVoidedEvent voided) {
            stale.remove(voided.paymentId().value());
        } else if (payload instanceof OrderCancelledEvent cancelled) {
            unpaid.remove(cancelled.orderId().value());
        } else if (payload instanceof OrderShippedEvent shipped) {
            unpaid.remove(shipped.orderId().value());
        }
        return passed;
    }

    /** The deadlines that passed by {@code now}, in the order they passed. */
    public List<Due> until(Instant now) {
        List<Due> passed = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().due().isAfter(now)) {
            Pending deadline = queue.poll();
            Map<String, Pending> pending =
                    deadline.finding().ruleId().equals(RuleCatalog.UNPAID_ORDER) ? unpaid : stale;
            String key = deadline.finding().subjectId();
            if (pending.get(key) == deadline) {
                pending.remove(key);
                passed.add(new Due(deadline.due(), deadline.finding()));
            }
        }
        return passed;
    }

    private void schedule(Map<String, Pending> pending, String key, Pending deadline) {
        pending.put(key, deadline);
        queue.add(deadline);
    }
}
