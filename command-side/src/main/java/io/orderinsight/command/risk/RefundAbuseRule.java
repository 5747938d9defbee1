package io.orderinsight.command.risk;

import static io.orderinsight.command.risk.RuleCatalog.REFUND_ABUSE;

import io.orderinsight.command.risk.Facts.CustomerFacts;
import io.orderinsight.command.risk.Facts.Stamp;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.refund.RefundRequestedEvent;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * refund-abuse: at a refund request, at least {@code count} requests within {@code count-window}; at a refund paid
 * out, refunds above {@code share} of what was captured within {@code share-window}. Either holds the customer's new
 * refunds, and the rule fires again only once {@code count-window} has passed.
 */
final class RefundAbuseRule extends EventRule {

    RefundAbuseRule() {
        super(REFUND_ABUSE, Set.of(RefundRequestedEvent.class, RefundSettledEvent.class), Set.of(FactKind.CUSTOMER));
    }

    @Override
    public Optional<Finding> judge(Remembered facts, Trigger trigger, RuleVersion rule) {
        CustomerFacts customer = facts.customer();
        if (Facts.alertedWithin(customer, REFUND_ABUSE, trigger.occurredAt(), rule.duration("count-window"))) {
            return Optional.empty();
        }
        return trigger.payload() instanceof RefundRequestedEvent
                ? count(facts, trigger, rule)
                : share(facts, trigger, rule);
    }

    private static Optional<Finding> count(Remembered facts, Trigger trigger, RuleVersion rule) {
        Duration window = rule.duration("count-window");
        long threshold = rule.count("count");
        List<Stamp> recent = Facts.within(facts.customer().refundRequests, trigger.occurredAt(), window);
        if (recent.size() < threshold) {
            return Optional.empty();
        }
        return Optional.of(Finding.aboutCustomer(
                rule,
                facts,
                Facts.ids(recent),
                null,
                RiskAction.HOLD_REFUNDS,
                recent.size() + " refunds requested within " + window + " (threshold " + threshold + ")",
                trigger));
    }

    private static Optional<Finding> share(Remembered facts, Trigger trigger, RuleVersion rule) {
        CustomerFacts customer = facts.customer();
        Duration window = rule.duration("share-window");
        BigDecimal share = rule.decimal("share");
        List<Stamp> refunds = Facts.within(customer.refunds, trigger.occurredAt(), window);
        BigDecimal refunded = Facts.sum(refunds);
        BigDecimal captured = Facts.sum(Facts.within(customer.captures, trigger.occurredAt(), window));
        BigDecimal allowed = captured.multiply(share);
        if (refunded.compareTo(allowed) <= 0) {
            return Optional.empty();
        }
        String reportingCurrency = facts.rates().currency();
        Currency currency = Currency.getInstance(reportingCurrency);
        long excess = refunded.subtract(allowed)
                .movePointRight(Math.max(0, currency.getDefaultFractionDigits()))
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
        return Optional.of(Finding.aboutCustomer(
                rule,
                facts,
                Facts.ids(refunds),
                Money.of(excess, currency),
                RiskAction.HOLD_REFUNDS,
                "refunded " + plain(refunded) + " of " + plain(captured) + " " + reportingCurrency + " captured within "
                        + window + " (more than " + share.toPlainString() + ")",
                trigger));
    }

    private static String plain(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
