package io.orderinsight.projections.order;

import io.orderinsight.projections.support.Counts;
import org.bson.Document;

/**
 * One payment's money in an order view ({@link OrderViewDocument#payments()}), in minor units of the order's currency:
 * what was authorized, captured, refunded, is being refunded and is disputed. Mapped to and from its document here
 * alone, for the projection that keeps it and the queries that sum an order's payments.
 */
public record PaymentEntry(long authorized, long captured, long refunded, long refundsInFlight, long disputed) {

    private static final String AUTHORIZED = "authorized";
    private static final String CAPTURED = "captured";
    private static final String REFUNDED = "refunded";
    private static final String IN_FLIGHT = "refundsInFlight";
    private static final String DISPUTED = "disputed";

    /** A payment the order view has seen nothing of yet. */
    public static final PaymentEntry NONE = new PaymentEntry(0, 0, 0, 0, 0);

    /** The entry its document holds; amounts it does not hold are zero. */
    public static PaymentEntry of(Document entry) {
        return new PaymentEntry(
                Counts.of(entry, AUTHORIZED),
                Counts.of(entry, CAPTURED),
                Counts.of(entry, REFUNDED),
                Counts.of(entry, IN_FLIGHT),
                Counts.of(entry, DISPUTED));
    }

    public Document toDocument() {
        return new Document(AUTHORIZED, authorized)
                .append(CAPTURED, captured)
                .append(REFUNDED, refunded)
                .append(IN_FLIGHT, refundsInFlight)
                .append(DISPUTED, disputed);
    }

    /** This entry and {@code other}'s amounts added, as the order's totals are its payments'. */
    public PaymentEntry plus(PaymentEntry other) {
        return new PaymentEntry(
                authorized + other.authorized,
                captured + other.captured,
                refunded + other.refunded,
                refundsInFlight + other.refundsInFlight,
                disputed + other.disputed);
    }

    public PaymentEntry withAuthorized(long amount) {
        return new PaymentEntry(amount, captured, refunded, refundsInFlight, disputed);
    }

    public PaymentEntry withCaptured(long amount) {
        return new PaymentEntry(authorized, amount, refunded, refundsInFlight, disputed);
    }

    /** A refund reserved ({@code amount} > 0) or released ({@code amount} < 0) while in flight. */
    public PaymentEntry refundInFlight(long amount) {
        return new PaymentEntry(authorized, captured, refunded, refundsInFlight + amount, disputed);
    }

    /** A refund in flight settled: paid out. */
    public PaymentEntry refundSettled(long amount) {
        return new PaymentEntry(authorized, captured, refunded + amount, refundsInFlight - amount, disputed);
    }

    /** Money disputed ({@code amount} > 0), or given back by a dispute won ({@code amount} < 0). */
    public PaymentEntry disputed(long amount) {
        return new PaymentEntry(authorized, captured, refunded, refundsInFlight, disputed + amount);
    }
}
