package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.PaymentId;

/** One payment's view: its money, disputes and what is still refundable. */
public record FindPaymentQuery(PaymentId paymentId) {}
