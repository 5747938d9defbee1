package io.orderinsight.command.api;

import static io.orderinsight.command.api.CommandEndpoint.currency;
import static io.orderinsight.command.api.CommandEndpoint.pathId;

import io.orderinsight.command.support.AggregateTypes;
import io.orderinsight.domain.customer.PersonalData;
import io.orderinsight.domain.order.CancelOrderCommand;
import io.orderinsight.domain.order.DeliverOrderCommand;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.PlaceOrderCommand;
import io.orderinsight.domain.order.ShipOrderCommand;
import io.orderinsight.domain.payment.CapturePaymentCommand;
import io.orderinsight.domain.payment.OpenDisputeCommand;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.RecordPaymentCommand;
import io.orderinsight.domain.payment.ResolveDisputeCommand;
import io.orderinsight.domain.payment.VoidPaymentCommand;
import io.orderinsight.domain.refund.ApproveRefundCommand;
import io.orderinsight.domain.refund.CompleteRefundCommand;
import io.orderinsight.domain.refund.RejectRefundCommand;
import io.orderinsight.domain.refund.RequestRefundCommand;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.DisputeId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import io.orderinsight.domain.shared.SellerId;

/**
 * The upstream commands built from their request bodies and path ids, once for every edge: the HTTP controllers and
 * Kafka ingestion build the same command from the same input. {@code now} is the receipt: its time is used when
 * the body names no {@code occurredAt}, and a given one outside the accepted times is refused.
 */
public final class CommandMapping {

    private CommandMapping() {}

    /**
     * A command and the aggregate the answer is about.
     *
     * @param location where a created resource lives, or null for a change
     */
    public record Mapped(Object command, String targetType, String targetId, String location) {}

    public static Mapped placeOrder(OrderRequests.PlaceOrder body, Receipt now) {
        var items = body.items().stream()
                .map(item -> new OrderLine(item.sku(), item.category(), item.quantity(), item.unitPrice()))
                .toList();
        PersonalData personalData = new PersonalData(
                body.customer() == null ? null : body.customer().email(),
                body.customer() == null ? null : body.customer().name(),
                body.shippingAddress() == null ? null : body.shippingAddress().line1(),
                body.shippingAddress() == null ? null : body.shippingAddress().city(),
                body.shippingAddress() == null ? null : body.shippingAddress().postalCode());
        var command = new PlaceOrderCommand(
                OrderId.of(body.orderId()),
                CustomerId.of(body.customerId()),
                SellerId.of(body.sellerId()),
                currency("currency", body.currency()),
                body.channel(),
                body.shippingCountry(),
                items,
                personalData,
                now.occurredAt(body.occurredAt()));
        return new Mapped(command, AggregateTypes.ORDER, body.orderId(), "/api/v1/orders/" + body.orderId());
    }

    public static Mapped cancelOrder(String orderId, OrderRequests.CancelOrder body, Receipt now) {
        var command = new CancelOrderCommand(
                OrderId.of(pathId("orderId", orderId)), body.reason(), now.occurredAt(body.occurredAt()));
        return change(command, AggregateTypes.ORDER, orderId);
    }

    public static Mapped shipOrder(String orderId, OrderRequests.ShipOrder body, Receipt now) {
        var command = new ShipOrderCommand(
                OrderId.of(pathId("orderId", orderId)),
                body.carrier(),
                body.trackingNumber(),
                now.occurredAt(body.occurredAt()));
        return change(command, AggregateTypes.ORDER, orderId);
    }

    public static Mapped deliverOrder(String orderId, OrderRequests.DeliverOrder body, Receipt now) {
        var command =
                new DeliverOrderCommand(OrderId.of(pathId("orderId", orderId)), now.occurredAt(body.occurredAt()));
        return change(command, AggregateTypes.ORDER, orderId);
    }

    public static Mapped recordPayment(PaymentRequests.RecordPayment body, Receipt now) {
        var command = new RecordPaymentCommand(
                PaymentId.of(body.paymentId()),
                OrderId.of(body.orderId()),
                Money.of(body.amount(), currency("currency", body.currency())),
                body.method(),
                body.outcome(),
                body.declineReason(),
                new PaymentInstrument(body.cardFingerprint(), body.ipCountry(), body.billingCountry()),
                now.occurredAt(body.occurredAt()));
        return new Mapped(command, AggregateTypes.PAYMENT, body.paymentId(), "/api/v1/payments/" + body.paymentId());
    }

    public static Mapped capturePayment(String paymentId, PaymentRequests.CapturePayment body, Receipt now) {
        var command = new CapturePaymentCommand(
                PaymentId.of(pathId("paymentId", paymentId)), body.amount(), now.occurredAt(body.occurredAt()));
        return change(command, AggregateTypes.PAYMENT, paymentId);
    }

    public static Mapped voidPayment(String paymentId, PaymentRequests.VoidPayment body, Receipt now) {
        var command =
                new VoidPaymentCommand(PaymentId.of(pathId("paymentId", paymentId)), now.occurredAt(body.occurredAt()));
        return change(command, AggregateTypes.PAYMENT, paymentId);
    }

    public static Mapped openDispute(String paymentId, PaymentRequests.OpenDispute body, Receipt now) {
        var command = new OpenDisputeCommand(
                PaymentId.of(pathId("paymentId", paymentId)),
                DisputeId.of(body.disputeId()),
                body.amount(),
                body.reason(),
                now.occurredAt(body.occurredAt()));
        return new Mapped(
                command,
                AggregateTypes.PAYMENT,
                paymentId,
                "/api/v1/payments/" + paymentId + "/disputes/" + body.disputeId());
    }

    public static Mapped resolveDispute(
            String paymentId, String disputeId, PaymentRequests.ResolveDispute body, Receipt now) {
        var command = new ResolveDisputeCommand(
                PaymentId.of(pathId("paymentId", paymentId)),
                DisputeId.of(pathId("disputeId", disputeId)),
                body.outcome(),
                now.occurredAt(body.occurredAt()));
        return change(command, AggregateTypes.PAYMENT, paymentId);
    }

    public static Mapped requestRefund(RefundRequests.RequestRefund body, Receipt now) {
        var command = new RequestRefundCommand(
                RefundId.of(body.refundId()),
                OrderId.of(body.orderId()),
                PaymentId.of(body.paymentId()),
                body.amount(),
                currency("currency", body.currency()),
                body.reason(),
                now.occurredAt(body.occurredAt()));
        return new Mapped(command, AggregateTypes.REFUND, body.refundId(), "/api/v1/refunds/" + body.refundId());
    }

    /** @param reviewer whether the caller holds the risk team's role, which a refund held for review needs */
    public static Mapped approveRefund(
            String refundId, RefundRequests.ApproveRefund body, Receipt now, boolean reviewer) {
        var command = new ApproveRefundCommand(
                RefundId.of(pathId("refundId", refundId)), now.occurredAt(body.occurredAt()), reviewer);
        return change(command, AggregateTypes.REFUND, refundId);
    }

    /** @param reviewer see {@link #approveRefund} */
    public static Mapped rejectRefund(
            String refundId, RefundRequests.RejectRefund body, Receipt now, boolean reviewer) {
        var command = new RejectRefundCommand(
                RefundId.of(pathId("refundId", refundId)), body.reason(), now.occurredAt(body.occurredAt()), reviewer);
        return change(command, AggregateTypes.REFUND, refundId);
    }

    public static Mapped completeRefund(String refundId, RefundRequests.CompleteRefund body, Receipt now) {
        var command =
                new CompleteRefundCommand(RefundId.of(pathId("refundId", refundId)), now.occurredAt(body.occurredAt()));
        return change(command, AggregateTypes.REFUND, refundId);
    }

    private static Mapped change(Object command, String targetType, String targetId) {
        return new Mapped(command, targetType, targetId, null);
    }
}
