package io.orderinsight.domain.payment;

/** What the payment was made with and where from; every field is optional. */
public record PaymentInstrument(String cardFingerprint, String ipCountry, String billingCountry) {}
