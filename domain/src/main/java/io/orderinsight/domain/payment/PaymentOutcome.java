package io.orderinsight.domain.payment;

public enum PaymentOutcome {
    AUTHORIZED,
    DECLINED
}
