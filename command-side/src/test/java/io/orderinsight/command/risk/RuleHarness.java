package io.orderinsight.command.risk;

import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.refund.RefundRequestedEvent;
import io.orderinsight.domain.refund.RefundStatus;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.DisputeId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import io.orderinsight.domain.shared.SellerId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The event-driven rules as live detection and backtests run them, through {@link RiskEngine} over facts kept in
 * memory: each rule's test sends events and reads what the engine found.
 */
abstract class RuleHarness {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final ReportingRates RATES = new ReportingRates("USD", Map.of("EUR", new BigDecimal("1.10")));

    final MemoryFactStore facts = new MemoryFactStore();
    RiskEngine engine = engineWith(Map.of());
    int sequence;
    Instant clock = T0;

    static RiskEngine engineWith(Map<String, Map<String, String>> settings) {
        Map<String, RuleVersion> versions = new RiskProperties(settings).configuredVersions();
        return new RiskEngine((ruleId, at) -> versions.get(ruleId), RATES);
    }

    List<Finding> place(String orderId, String customerId, String sellerId, long total, String currency, String ship) {
        return run(trigger(new OrderPlacedEvent(
                OrderId.of(orderId),
                CustomerId.of(customerId),
                SellerId.of(sellerId),
                Channel.SHOP,
                ship,
                List.of(new OrderLine("sku", "toys", 1, total)),
                Money.of(total, currency),
                null,
                clock)));
    }

    List<Finding> authorize(
            String paymentId, String orderId, long amount, String currency, String card, String ip, String billing) {
        return run(trigger(new PaymentAuthorizedEvent(
                PaymentId.of(paymentId),
                OrderId.of(orderId),
                Money.of(amount, currency),
                PaymentMethod.CARD,
                new PaymentInstrument(card, ip, billing),
                clock)));
    }

    List<Finding> decline(String paymentId, String orderId, String card) {
        return run(trigger(new PaymentDeclinedEvent(
                PaymentId.of(paymentId),
                OrderId.of(orderId),
                Money.of(1_000, "USD"),
                PaymentMethod.CARD,
                "insufficient funds",
                new PaymentInstrument(card, "DE", "DE"),
                clock)));
    }

    List<Finding> capture(String paymentId, String orderId, long amount) {
        return run(trigger(new PaymentCapturedEvent(
                PaymentId.of(paymentId),
                OrderId.of(orderId),
                Money.of(amount, "USD"),
                Money.of(amount, "USD"),
                clock)));
    }

    List<Finding> ship(String orderId) {
        return run(trigger(new OrderShippedEvent(OrderId.of(orderId), "DHL", "T-1", clock)));
    }

    List<Finding> dispute(String paymentId, String orderId, String disputeId, long amount) {
        return run(trigger(new DisputeOpenedEvent(
                PaymentId.of(paymentId),
                OrderId.of(orderId),
                DisputeId.of(disputeId),
                Money.of(amount, "USD"),
                "fraud",
                clock)));
    }

    List<Finding> settleRefund(String refundId, String paymentId, String orderId, long amount) {
        return run(trigger(new RefundSettledEvent(
                PaymentId.of(paymentId), OrderId.of(orderId), RefundId.of(refundId), Money.of(amount, "USD"), clock)));
    }

    List<Finding> requestRefund(String refundId, String orderId, String customerId) {
        return run(trigger(new RefundRequestedEvent(
                RefundId.of(refundId),
                OrderId.of(orderId),
                PaymentId.of("p-x"),
                CustomerId.of(customerId),
                Money.of(100, "USD"),
                "damaged",
                RefundStatus.REQUESTED,
                clock)));
    }

    Trigger trigger(Object payload) {
        sequence++;
        return new Trigger("e-" + sequence, clock, clock, payload);
    }

    void later(Duration duration) {
        clock = clock.plus(duration);
    }

    List<Finding> run(Trigger trigger) {
        return new ArrayList<>(engine.evaluate(trigger, facts));
    }
}
