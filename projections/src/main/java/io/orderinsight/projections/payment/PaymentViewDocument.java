package io.orderinsight.projections.payment;

import io.orderinsight.domain.payment.PaymentStatus;
import io.orderinsight.projections.support.Counts;
import org.bson.Document;

/**
 * A document of {@code payment_views}: one payment's money in minor units of {@code currency} — authorized, captured,
 * voided, refunded, refunds in flight and open or lost disputes — its status, method and decline reason. Mapped to and
 * from its document here alone, for the projection and the queries.
 */
public record PaymentViewDocument(
        String orderId,
        PaymentStatus status,
        String method,
        String currency,
        long authorized,
        long captured,
        long voided,
        long refunded,
        long refundsInFlight,
        long disputed,
        String declineReason) {

    private static final String ORDER_ID = "orderId";
    private static final String STATUS = "status";
    private static final String METHOD = "method";
    private static final String CURRENCY = "currency";
    private static final String AUTHORIZED = "authorized";
    private static final String CAPTURED = "captured";
    private static final String VOIDED = "voided";
    private static final String REFUNDED = "refunded";
    private static final String REFUNDS_IN_FLIGHT = "refundsInFlight";
    private static final String DISPUTED = "disputed";
    private static final String DECLINE_REASON = "declineReason";

    /** A payment attempt as recorded: authorized for {@code amount}, or declined (with its reason). */
    public static PaymentViewDocument attempt(
            String orderId, PaymentStatus status, String method, String currency, long amount, String declineReason) {
        return new PaymentViewDocument(orderId, status, method, currency, amount, 0, 0, 0, 0, 0, declineReason);
    }

    public static PaymentViewDocument of(Document payment) {
        return new PaymentViewDocument(
                payment.getString(ORDER_ID),
                PaymentStatus.valueOf(payment.getString(STATUS)),
                payment.getString(METHOD),
                payment.getString(CURRENCY),
                Counts.of(payment, AUTHORIZED),
                Counts.of(payment, CAPTURED),
                Counts.of(payment, VOIDED),
                Counts.of(payment, REFUNDED),
                Counts.of(payment, REFUNDS_IN_FLIGHT),
                Counts.of(payment, DISPUTED),
                payment.getString(DECLINE_REASON));
    }

    public Document toDocument() {
        Document payment = new Document(ORDER_ID, orderId)
                .append(STATUS, status.name())
                .append(METHOD, method)
                .append(CURRENCY, currency)
                .append(AUTHORIZED, authorized)
                .append(CAPTURED, captured)
                .append(VOIDED, voided)
                .append(REFUNDED, refunded)
                .append(REFUNDS_IN_FLIGHT, refundsInFlight)
                .append(DISPUTED, disputed);
        if (declineReason != null) {
            payment.append(DECLINE_REASON, declineReason);
        }
        return payment;
    }

    /** What may still be refunded: captured, less what is refunded, in flight or disputed. */
    public long refundable() {
        return Math.max(0, captured - refunded - refundsInFlight - disputed);
    }

    /** Captured {@code total} so far: CAPTURED once it is the amount authorized, else PARTIALLY_CAPTURED. */
    public PaymentViewDocument capturedTotal(long total) {
        PaymentStatus next = total == authorized ? PaymentStatus.CAPTURED : PaymentStatus.PARTIALLY_CAPTURED;
        return with(next, total, voided, refunded, refundsInFlight, disputed);
    }

    public PaymentViewDocument voided(long amount) {
        return with(PaymentStatus.VOIDED, captured, voided + amount, refunded, refundsInFlight, disputed);
    }

    /** A refund reserved ({@code amount} > 0) or released ({@code amount} < 0) while in flight. */
    public PaymentViewDocument refundInFlight(long amount) {
        return with(status, captured, voided, refunded, refundsInFlight + amount, disputed);
    }

    /** A refund in flight settled: paid out. */
    public PaymentViewDocument refundSettled(long amount) {
        return with(status, captured, voided, refunded + amount, refundsInFlight - amount, disputed);
    }

    /** Money disputed ({@code amount} > 0), or given back by a dispute won ({@code amount} < 0). */
    public PaymentViewDocument disputed(long amount) {
        return with(status, captured, voided, refunded, refundsInFlight, disputed + amount);
    }

    /** This payment with another status and money (what was authorized, its method and decline reason stay). */
    private PaymentViewDocument with(
            PaymentStatus status, long captured, long voided, long refunded, long refundsInFlight, long disputed) {
        return new PaymentViewDocument(
                orderId,
                status,
                method,
                currency,
                authorized,
                captured,
                voided,
                refunded,
                refundsInFlight,
                disputed,
                declineReason);
    }
}
