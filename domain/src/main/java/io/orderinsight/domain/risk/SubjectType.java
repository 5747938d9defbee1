package io.orderinsight.domain.risk;

/** What an alert is about. */
public enum SubjectType {
    ORDER,
    PAYMENT,
    CUSTOMER,
    CARD,
    SELLER
}
