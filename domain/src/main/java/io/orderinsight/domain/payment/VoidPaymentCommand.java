package io.orderinsight.domain.payment;

import io.orderinsight.domain.shared.PaymentId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record VoidPaymentCommand(@TargetAggregateIdentifier PaymentId paymentId, Instant occurredAt) {}
