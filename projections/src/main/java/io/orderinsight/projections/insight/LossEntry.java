package io.orderinsight.projections.insight;

import io.orderinsight.domain.shared.Money;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * A line of the loss ledger ({@code loss_ledger}): money at risk (an alert's) or lost (a lost dispute's), its cause,
 * seller and order, in minor units of {@code currency}, dated by the event that caused it. Mapped to and from its
 * document here alone, for the insight projection and the loss queries.
 */
public record LossEntry(
        String cause,
        String sellerId,
        String orderId,
        String currency,
        long atRisk,
        long realized,
        Instant occurredAt) {

    private static final String CAUSE = "cause";
    private static final String SELLER_ID = "sellerId";
    private static final String ORDER_ID = "orderId";
    private static final String CURRENCY = "currency";
    private static final String AT_RISK = "atRisk";
    private static final String REALIZED = "realized";
    private static final String OCCURRED_AT = "occurredAt";

    /** {@code amount} at risk (an alert's) or realized (lost). */
    static LossEntry of(String cause, String sellerId, String orderId, Money amount, boolean atRisk, Instant at) {
        String currency = amount.currency().getCurrencyCode();
        return atRisk
                ? new LossEntry(cause, sellerId, orderId, currency, amount.minor(), 0, at)
                : new LossEntry(cause, sellerId, orderId, currency, 0, amount.minor(), at);
    }

    public static LossEntry of(Document line) {
        return new LossEntry(
                line.getString(CAUSE),
                line.getString(SELLER_ID),
                line.getString(ORDER_ID),
                line.getString(CURRENCY),
                line.get(AT_RISK, Number.class).longValue(),
                line.get(REALIZED, Number.class).longValue(),
                line.getDate(OCCURRED_AT).toInstant());
    }

    public Document toDocument() {
        return new Document(CAUSE, cause)
                .append(SELLER_ID, sellerId)
                .append(ORDER_ID, orderId)
                .append(CURRENCY, currency)
                .append(AT_RISK, atRisk)
                .append(REALIZED, realized)
                .append(OCCURRED_AT, Date.from(occurredAt));
    }
}
