package io.orderinsight.query;

/**
 * Sales figures in minor units of one currency: orders placed and their value (GMV), money captured and refunded,
 * orders cancelled, and payment attempts declined out of all attempts.
 */
public record SalesFigures(
        long orders, long gmv, long captured, long refunded, long cancelled, long declines, long paymentAttempts) {

    public static final SalesFigures ZERO = new SalesFigures(0, 0, 0, 0, 0, 0, 0);

    /** How many figures there are: the length of the sums {@link #of(long[])} takes. */
    public static final int FIELDS = 7;

    /** The figures summed in {@code sums}, in the order of the components. */
    public static SalesFigures of(long[] sums) {
        return new SalesFigures(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6]);
    }

    public SalesFigures plus(SalesFigures other) {
        return new SalesFigures(
                orders + other.orders,
                gmv + other.gmv,
                captured + other.captured,
                refunded + other.refunded,
                cancelled + other.cancelled,
                declines + other.declines,
                paymentAttempts + other.paymentAttempts);
    }

    public boolean none() {
        return equals(ZERO);
    }
}
