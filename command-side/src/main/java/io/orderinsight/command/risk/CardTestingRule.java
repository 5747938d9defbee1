package io.orderinsight.command.risk;

import static io.orderinsight.command.risk.RuleCatalog.CARD_TESTING;

import io.orderinsight.command.risk.Facts.CardFacts;
import io.orderinsight.command.risk.Facts.CustomerFacts;
import io.orderinsight.command.risk.Facts.OrderFacts;
import io.orderinsight.command.risk.Facts.Stamp;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.risk.SubjectType;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * card-testing: for a customer, at least {@code declines} declines or {@code cards} distinct cards within
 * {@code window}; failing that, at a decline, at least {@code declines} declines of one card fingerprint within
 * {@code window}, whoever used it. Either blocks the customer's new orders, once per window.
 */
final class CardTestingRule extends EventRule {

    CardTestingRule() {
        super(
                CARD_TESTING,
                Set.of(PaymentAuthorizedEvent.class, PaymentDeclinedEvent.class),
                Set.of(FactKind.CUSTOMER, FactKind.CARD));
    }

    @Override
    public Optional<Finding> judge(Remembered facts, Trigger trigger, RuleVersion rule) {
        Optional<Finding> byCustomer = byCustomer(facts, trigger, rule);
        if (byCustomer.isPresent() || facts.cardFacts() == null) {
            return byCustomer;
        }
        return byCard(facts, trigger, rule);
    }

    private static Optional<Finding> byCustomer(Remembered facts, Trigger trigger, RuleVersion rule) {
        CustomerFacts customer = facts.customer();
        Duration window = rule.duration("window");
        if (Facts.alertedWithin(customer, CARD_TESTING, trigger.occurredAt(), window)) {
            return Optional.empty();
        }
        boolean byDeclines =
                Facts.countWithin(customer.declines, trigger.occurredAt(), window) >= rule.count("declines");
        if (!byDeclines
                && !Facts.distinctCardsReach(customer.cards, trigger.occurredAt(), window, rule.count("cards"))) {
            return Optional.empty();
        }
        List<Stamp> declines = Facts.within(customer.declines, trigger.occurredAt(), window);
        List<Stamp> cards = Facts.within(customer.cards, trigger.occurredAt(), window);
        Set<String> distinct = new LinkedHashSet<>();
        cards.forEach(stamp -> distinct.add(stamp.card()));
        String detail;
        List<String> evidence;
        if (declines.size() >= rule.count("declines")) {
            detail = declines.size() + " declines within " + window + " (threshold " + rule.count("declines") + ")";
            evidence = Facts.ids(declines);
        } else if (distinct.size() >= rule.count("cards")) {
            detail = distinct.size() + " distinct cards within " + window + " (threshold " + rule.count("cards") + ")";
            evidence = Facts.ids(cards);
        } else {
            return Optional.empty();
        }
        return Optional.of(
                Finding.aboutCustomer(rule, facts, evidence, null, RiskAction.BLOCK_ORDERS, detail, trigger));
    }

    private static Optional<Finding> byCard(Remembered facts, Trigger trigger, RuleVersion rule) {
        CardFacts card = facts.cardFacts();
        OrderFacts order = facts.order();
        Duration window = rule.duration("window");
        List<Stamp> declines = Facts.within(card.declines, trigger.occurredAt(), window);
        if (declines.size() < rule.count("declines")
                || (card.lastAlerted != null && card.lastAlerted.plus(window).isAfter(trigger.occurredAt()))) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                CARD_TESTING,
                rule.version(),
                SubjectType.CARD,
                facts.card(),
                order.customerId,
                order.sellerId,
                order.orderId,
                Facts.ids(declines),
                null,
                RiskAction.BLOCK_ORDERS,
                declines.size() + " declines of card " + facts.card() + " within " + window + " (threshold "
                        + rule.count("declines") + ")",
                trigger.eventId()));
    }
}
