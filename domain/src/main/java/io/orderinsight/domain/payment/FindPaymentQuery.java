package io.orderinsight.domain.payment;

/** One payment's view: its money, disputes and what is still refundable. */
public record FindPaymentQuery(PaymentId paymentId) {}
