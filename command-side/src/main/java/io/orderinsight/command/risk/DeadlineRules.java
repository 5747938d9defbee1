package io.orderinsight.command.risk;

import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.domain.shared.Money;
import java.time.Instant;
import java.util.List;

/**
 * The rules that fire when something did not happen in time: their deadlines and what they find when one passes.
 * Live, {@link OrderDeadlinesSaga} schedules and cancels the deadlines on a persistent deadline manager; a backtest
 * checks them against the events' clock. Plain functions either way.
 */
public final class DeadlineRules {

    private DeadlineRules() {}

    /** unpaid-order: when an order placed at {@code placedAt} must have been captured. */
    public static Instant unpaidOrderDue(Instant placedAt, RuleVersion rule) {
        return placedAt.plus(rule.duration("after"));
    }

    /** unpaid-order: the order was placed, is neither captured, cancelled nor cash-on-delivery: cancel it. */
    public static Finding unpaidOrder(
            String orderId, String customerId, String sellerId, Money total, String placedEventId, RuleVersion rule) {
        return new Finding(
                RuleCatalog.UNPAID_ORDER,
                rule.version(),
                SubjectType.ORDER,
                orderId,
                customerId,
                sellerId,
                orderId,
                List.of(placedEventId),
                null,
                RiskAction.CANCEL_ORDER,
                "order " + orderId + " of " + total.minor() + " " + total.currency() + " not captured within "
                        + rule.value("after") + " of its placement",
                "deadline");
    }

    /** stale-authorization: when an authorization made at {@code authorizedAt} must have been captured or voided. */
    public static Instant staleAuthorizationDue(Instant authorizedAt, RuleVersion rule) {
        return authorizedAt.plus(rule.duration("after"));
    }

    /** stale-authorization: the authorized amount is neither captured nor voided: money stuck. */
    public static Finding staleAuthorization(
            String paymentId,
            String orderId,
            String customerId,
            String sellerId,
            Money authorized,
            String authorizedEventId,
            RuleVersion rule) {
        return new Finding(
                RuleCatalog.STALE_AUTHORIZATION,
                rule.version(),
                SubjectType.PAYMENT,
                paymentId,
                customerId,
                sellerId,
                orderId,
                List.of(authorizedEventId),
                authorized,
                RiskAction.ALERT,
                "payment " + paymentId + " authorized " + authorized.minor() + " " + authorized.currency()
                        + " and neither captured nor voided within " + rule.value("after"),
                "deadline");
    }
}
