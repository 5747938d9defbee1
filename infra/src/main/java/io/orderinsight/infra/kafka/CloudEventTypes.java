package io.orderinsight.infra.kafka;

import io.orderinsight.domain.customer.CustomerDataErasedEvent;
import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderDeliveredEvent;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.DisputeResolvedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentVoidedEvent;
import io.orderinsight.domain.payment.RefundReservationReleasedEvent;
import io.orderinsight.domain.payment.RefundReservedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.refund.RefundApprovedEvent;
import io.orderinsight.domain.refund.RefundCompletedEvent;
import io.orderinsight.domain.refund.RefundRejectedEvent;
import io.orderinsight.domain.refund.RefundRequestedEvent;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.CustomerRestrictedEvent;
import io.orderinsight.domain.risk.CustomerRestrictionLiftedEvent;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import io.orderinsight.domain.risk.RuleVersionRecordedEvent;
import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvents {@code ce_type} of each domain event: a stable, documented name that does not change when a Java
 * class is renamed. {@code CloudEventTypesTest} fails when an event has none.
 */
public final class CloudEventTypes {

    static final Map<Class<?>, String> TYPES = Map.ofEntries(
            Map.entry(OrderPlacedEvent.class, "orderinsight.order.placed"),
            Map.entry(OrderCancelledEvent.class, "orderinsight.order.cancelled"),
            Map.entry(OrderShippedEvent.class, "orderinsight.order.shipped"),
            Map.entry(OrderDeliveredEvent.class, "orderinsight.order.delivered"),
            Map.entry(PaymentAuthorizedEvent.class, "orderinsight.payment.authorized"),
            Map.entry(PaymentDeclinedEvent.class, "orderinsight.payment.declined"),
            Map.entry(PaymentCapturedEvent.class, "orderinsight.payment.captured"),
            Map.entry(PaymentVoidedEvent.class, "orderinsight.payment.voided"),
            Map.entry(DisputeOpenedEvent.class, "orderinsight.payment.dispute-opened"),
            Map.entry(DisputeResolvedEvent.class, "orderinsight.payment.dispute-resolved"),
            Map.entry(RefundReservedEvent.class, "orderinsight.payment.refund-reserved"),
            Map.entry(RefundReservationReleasedEvent.class, "orderinsight.payment.refund-released"),
            Map.entry(RefundSettledEvent.class, "orderinsight.payment.refund-settled"),
            Map.entry(RefundRequestedEvent.class, "orderinsight.refund.requested"),
            Map.entry(RefundApprovedEvent.class, "orderinsight.refund.approved"),
            Map.entry(RefundRejectedEvent.class, "orderinsight.refund.rejected"),
            Map.entry(RefundCompletedEvent.class, "orderinsight.refund.completed"),
            Map.entry(RiskAlertRaisedEvent.class, "orderinsight.alert.raised"),
            Map.entry(AlertResolvedEvent.class, "orderinsight.alert.resolved"),
            Map.entry(CustomerRestrictedEvent.class, "orderinsight.customer.restricted"),
            Map.entry(CustomerRestrictionLiftedEvent.class, "orderinsight.customer.restriction-lifted"),
            Map.entry(RuleVersionRecordedEvent.class, "orderinsight.rule.version-recorded"),
            Map.entry(CustomerDataErasedEvent.class, "orderinsight.customer.data-erased"));

    private CloudEventTypes() {}

    public static Optional<String> of(Class<?> eventType) {
        return Optional.ofNullable(TYPES.get(eventType));
    }
}
