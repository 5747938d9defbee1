package io.orderinsight.projections.insight;

import io.orderinsight.projections.support.Counts;
import org.bson.Document;

/**
 * A document of {@code seller_months}: one seller's month (UTC) in one currency — orders and GMV, captured and refunded
 * money, disputes, payments captured in full and confirmed fraud. Kept by {@link SellerMonths} with exact increments
 * of the fields named here, read as this record by the queries.
 */
public record SellerMonth(
        String sellerId,
        String month,
        String currency,
        long orders,
        long gmv,
        long captured,
        long refunded,
        long disputes,
        long capturedPayments,
        long fraud) {

    public static final String ORDERS = "orders";
    public static final String GMV = "gmv";
    public static final String CAPTURED = "captured";
    public static final String REFUNDED = "refunded";
    public static final String DISPUTES = "disputes";
    public static final String CAPTURED_PAYMENTS = "capturedPayments";
    public static final String FRAUD = "fraud";

    public static SellerMonth of(Document month) {
        return new SellerMonth(
                month.getString(InsightCollections.SELLER_ID),
                month.getString(InsightCollections.MONTH),
                month.getString(InsightCollections.CURRENCY),
                Counts.of(month, ORDERS),
                Counts.of(month, GMV),
                Counts.of(month, CAPTURED),
                Counts.of(month, REFUNDED),
                Counts.of(month, DISPUTES),
                Counts.of(month, CAPTURED_PAYMENTS),
                Counts.of(month, FRAUD));
    }

    /** The figures of this month and {@code other} added (the seller and currency kept, the month this one's). */
    public SellerMonth plus(SellerMonth other) {
        return new SellerMonth(
                sellerId,
                month,
                currency,
                orders + other.orders,
                gmv + other.gmv,
                captured + other.captured,
                refunded + other.refunded,
                disputes + other.disputes,
                capturedPayments + other.capturedPayments,
                fraud + other.fraud);
    }
}
