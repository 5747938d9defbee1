package io.orderinsight.domain.payment;

/** OPEN → WON | LOST; an open or lost dispute reduces the refundable amount of its payment. */
public enum DisputeStatus {
    OPEN,
    WON,
    LOST
}
