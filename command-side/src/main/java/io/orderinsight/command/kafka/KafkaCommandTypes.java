package io.orderinsight.command.kafka;

import io.orderinsight.command.api.CommandMapping;
import io.orderinsight.command.api.CommandMapping.Mapped;
import io.orderinsight.command.api.OrderRequests;
import io.orderinsight.command.api.PaymentRequests;
import io.orderinsight.command.api.Receipt;
import io.orderinsight.command.api.RefundRequests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command types of {@code orderinsight.commands}: for each, the HTTP body it carries in {@code payload}, the ids the
 * HTTP path would carry (also in {@code payload}), and the mapping the HTTP controller uses.
 */
final class KafkaCommandTypes {

    @FunctionalInterface
    interface Mapper {
        Mapped map(Object body, Map<String, String> ids, Receipt now);
    }

    record Spec(Class<?> body, List<String> pathIds, Mapper mapper) {}

    private static final Map<String, Spec> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put(
                "PlaceOrder",
                new Spec(
                        OrderRequests.PlaceOrder.class,
                        List.of(),
                        (body, ids, now) -> CommandMapping.placeOrder((OrderRequests.PlaceOrder) body, now)));
        TYPES.put(
                "CancelOrder",
                new Spec(
                        OrderRequests.CancelOrder.class,
                        List.of("orderId"),
                        (body, ids, now) ->
                                CommandMapping.cancelOrder(ids.get("orderId"), (OrderRequests.CancelOrder) body, now)));
        TYPES.put(
                "ShipOrder",
                new Spec(
                        OrderRequests.ShipOrder.class,
                        List.of("orderId"),
                        (body, ids, now) ->
                                CommandMapping.shipOrder(ids.get("orderId"), (OrderRequests.ShipOrder) body, now)));
        TYPES.put(
                "DeliverOrder",
                new Spec(
                        OrderRequests.DeliverOrder.class,
                        List.of("orderId"),
                        (body, ids, now) -> CommandMapping.deliverOrder(
                                ids.get("orderId"), (OrderRequests.DeliverOrder) body, now)));
        TYPES.put(
                "RecordPayment",
                new Spec(
                        PaymentRequests.RecordPayment.class,
                        List.of(),
                        (body, ids, now) -> CommandMapping.recordPayment((PaymentRequests.RecordPayment) body, now)));
        TYPES.put(
                "CapturePayment",
                new Spec(
                        PaymentRequests.CapturePayment.class,
                        List.of("paymentId"),
                        (body, ids, now) -> CommandMapping.capturePayment(
                                ids.get("paymentId"), (PaymentRequests.CapturePayment) body, now)));
        TYPES.put(
                "VoidPayment",
                new Spec(
                        PaymentRequests.VoidPayment.class,
                        List.of("paymentId"),
                        (body, ids, now) -> CommandMapping.voidPayment(
                                ids.get("paymentId"), (PaymentRequests.VoidPayment) body, now)));
        TYPES.put(
                "OpenDispute",
                new Spec(
                        PaymentRequests.OpenDispute.class,
                        List.of("paymentId"),
                        (body, ids, now) -> CommandMapping.openDispute(
                                ids.get("paymentId"), (PaymentRequests.OpenDispute) body, now)));
        TYPES.put(
                "ResolveDispute",
                new Spec(
                        PaymentRequests.ResolveDispute.class,
                        List.of("paymentId", "disputeId"),
                        (body, ids, now) -> CommandMapping.resolveDispute(
                                ids.get("paymentId"),
                                ids.get("disputeId"),
                                (PaymentRequests.ResolveDispute) body,
                                now)));
        TYPES.put(
                "RequestRefund",
                new Spec(
                        RefundRequests.RequestRefund.class,
                        List.of(),
                        (body, ids, now) -> CommandMapping.requestRefund((RefundRequests.RequestRefund) body, now)));
        TYPES.put(
                "ApproveRefund",
                new Spec(
                        RefundRequests.ApproveRefund.class,
                        List.of("refundId"),
                        (body, ids, now) -> CommandMapping.approveRefund(
                                ids.get("refundId"), (RefundRequests.ApproveRefund) body, now, false)));
        TYPES.put(
                "RejectRefund",
                new Spec(
                        RefundRequests.RejectRefund.class,
                        List.of("refundId"),
                        (body, ids, now) -> CommandMapping.rejectRefund(
                                ids.get("refundId"), (RefundRequests.RejectRefund) body, now, false)));
        TYPES.put(
                "CompleteRefund",
                new Spec(
                        RefundRequests.CompleteRefund.class,
                        List.of("refundId"),
                        (body, ids, now) -> CommandMapping.completeRefund(
                                ids.get("refundId"), (RefundRequests.CompleteRefund) body, now)));
    }

    private KafkaCommandTypes() {}

    static Optional<Spec> find(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    static Set<String> names() {
        return TYPES.keySet();
    }
}
