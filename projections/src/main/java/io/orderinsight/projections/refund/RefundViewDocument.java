package io.orderinsight.projections.refund;

import io.orderinsight.domain.refund.RefundStatus;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * A document of {@code refund_views}: one refund, its amount in minor units of {@code currency}, its status and the
 * ids it relates to. Mapped to and from its document here alone, for the projection and the queries.
 */
public record RefundViewDocument(
        String orderId,
        String paymentId,
        String customerId,
        String currency,
        long amount,
        String reason,
        RefundStatus status,
        Instant requestedAt) {

    private static final String ORDER_ID = "orderId";
    private static final String PAYMENT_ID = "paymentId";
    private static final String CUSTOMER_ID = "customerId";
    private static final String CURRENCY = "currency";
    private static final String AMOUNT = "amount";
    private static final String REASON = "reason";
    private static final String STATUS = "status";
    private static final String REQUESTED_AT = "requestedAt";

    public static RefundViewDocument of(Document refund) {
        Date requestedAt = refund.getDate(REQUESTED_AT);
        return new RefundViewDocument(
                refund.getString(ORDER_ID),
                refund.getString(PAYMENT_ID),
                refund.getString(CUSTOMER_ID),
                refund.getString(CURRENCY),
                refund.get(AMOUNT, Number.class).longValue(),
                refund.getString(REASON),
                RefundStatus.valueOf(refund.getString(STATUS)),
                requestedAt == null ? null : requestedAt.toInstant());
    }

    public Document toDocument() {
        return new Document(ORDER_ID, orderId)
                .append(PAYMENT_ID, paymentId)
                .append(CUSTOMER_ID, customerId)
                .append(CURRENCY, currency)
                .append(AMOUNT, amount)
                .append(REASON, reason)
                .append(STATUS, status.name())
                .append(REQUESTED_AT, requestedAt == null ? null : Date.from(requestedAt));
    }

    public RefundViewDocument withStatus(RefundStatus next) {
        return new RefundViewDocument(orderId, paymentId, customerId, currency, amount, reason, next, requestedAt);
    }
}
