package io.orderinsight.domain.payment;

public enum PaymentMethod {
    CARD,
    WALLET,
    BANK,
    COD
}
