package io.orderinsight.command.risk;

import static io.orderinsight.command.risk.RuleCatalog.GEO_MISMATCH;

import io.orderinsight.command.risk.Facts.OrderFacts;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.shared.Money;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** geo-mismatch: billing, shipping and IP countries (those known, at least two) not all equal on a large order. */
final class GeoMismatchRule extends EventRule {

    GeoMismatchRule() {
        super(GEO_MISMATCH, Set.of(PaymentAuthorizedEvent.class), Set.of());
    }

    @Override
    public Optional<Finding> judge(Remembered facts, Trigger trigger, RuleVersion rule) {
        OrderFacts order = facts.order();
        PaymentInstrument instrument = ((PaymentAuthorizedEvent) trigger.payload()).instrument();
        String billingCountry = instrument == null ? null : instrument.billingCountry();
        String ipCountry = instrument == null ? null : instrument.ipCountry();
        if (order.alerted.contains(GEO_MISMATCH)) {
            return Optional.empty();
        }
        Set<String> countries = new LinkedHashSet<>();
        int known = 0;
        for (String country : new String[] {billingCountry, order.shippingCountry, ipCountry}) {
            if (country != null && !country.isBlank()) {
                countries.add(country.toUpperCase());
                known++;
            }
        }
        BigDecimal total = facts.rates().inReporting(Money.of(order.total, order.currency));
        BigDecimal minimum = rule.decimal("min-amount");
        if (known < 2 || countries.size() < 2 || total.compareTo(minimum) < 0) {
            return Optional.empty();
        }
        return Optional.of(Finding.aboutOrder(
                rule,
                order,
                List.of(order.placedEventId, trigger.eventId()),
                Money.of(order.total, order.currency),
                RiskAction.ALERT,
                "billing " + billingCountry + ", shipping " + order.shippingCountry + " and IP " + ipCountry
                        + " countries differ on an order of "
                        + total.stripTrailingZeros().toPlainString()
                        + " " + facts.rates().currency() + " (at least " + minimum.toPlainString() + ")",
                GEO_MISMATCH));
    }
}
