package io.orderinsight.command.refund;

import io.orderinsight.command.order.Order;
import io.orderinsight.command.payment.Payment;
import io.orderinsight.domain.refund.CompleteRefundCommand;
import io.orderinsight.domain.refund.RejectRefundCommand;
import io.orderinsight.domain.refund.RequestRefundCommand;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RejectionCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Refund decisions that change a refund and its payment together, in one unit of work and one transaction: a request
 * reserves refundable money on the payment, a rejection releases it, a payout settles it. Axon locks the payment for
 * the unit of work and the event store's unique (aggregate, sequence) index refuses a stale writer, so concurrent
 * refunds on one payment can never together exceed what it can refund.
 */
public class RefundCommandHandler {

    private final Repository<Order> orders;
    private final Repository<Payment> payments;
    private final Repository<Refund> refunds;
    private final EventStore eventStore;
    private final RefundReviewPolicy reviewPolicy;

    public RefundCommandHandler(
            Repository<Order> orders,
            Repository<Payment> payments,
            Repository<Refund> refunds,
            EventStore eventStore,
            RefundReviewPolicy reviewPolicy) {
        this.orders = orders;
        this.payments = payments;
        this.refunds = refunds;
        this.eventStore = eventStore;
        this.reviewPolicy = reviewPolicy;
    }

    @CommandHandler
    public void handle(RequestRefundCommand command) throws Exception {
        if (command.amount() <= 0) {
            throw CommandRejectedException.invalid("amount", "amount must be positive, was " + command.amount());
        }
        requireNewRefundId(command.refundId().value());
        Aggregate<Order> order = load(orders, command.orderId().value(), RejectionCode.ORDER_NOT_FOUND, "order");
        Aggregate<Payment> payment =
                load(payments, command.paymentId().value(), RejectionCode.PAYMENT_NOT_FOUND, "payment");
        if (!payment.invoke(Payment::orderId).equals(command.orderId())) {
            throw CommandRejectedException.invalid(
                    "paymentId",
                    "payment " + command.paymentId() + " belongs to order " + payment.invoke(Payment::orderId)
                            + ", not " + command.orderId());
        }
        var currency = order.invoke(Order::currency);
        if (command.currency() != null && !command.currency().equals(currency)) {
            throw new CommandRejectedException(
                    RejectionCode.CURRENCY_MISMATCH,
                    "currency",
                    "refund currency " + command.currency() + " differs from order " + command.orderId() + " currency "
                            + currency);
        }
        Money amount = Money.of(command.amount(), currency);
        CustomerId customerId = order.invoke(Order::customerId);
        payment.execute(p -> p.reserveRefund(command.refundId(), amount, command.occurredAt()));
        boolean held = reviewPolicy.requiresReview(customerId);
        refunds.newInstance(() -> new Refund(
                command.refundId(),
                command.orderId(),
                command.paymentId(),
                customerId,
                amount,
                command.reason(),
                held,
                command.occurredAt()));
    }

    @CommandHandler
    public void handle(RejectRefundCommand command) {
        Aggregate<Refund> refund = load(refunds, command.refundId().value(), RejectionCode.REFUND_NOT_FOUND, "refund");
        refund.execute(r -> r.reject(command.reason(), command.occurredAt(), command.reviewer()));
        paymentOf(refund).execute(p -> p.releaseRefund(command.refundId(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(CompleteRefundCommand command) {
        Aggregate<Refund> refund = load(refunds, command.refundId().value(), RejectionCode.REFUND_NOT_FOUND, "refund");
        refund.execute(r -> r.complete(command.occurredAt()));
        paymentOf(refund).execute(p -> p.settleRefund(command.refundId(), command.occurredAt()));
    }

    /**
     * A taken refund id must be told apart from a race on the payment: both fail on the same unique index, and the
     * batch starts with the payment's event. So the id is checked first; a concurrent creation of the same id still
     * fails on the index and is retried, and the retry sees the id taken.
     */
    private void requireNewRefundId(String refundId) {
        boolean taken;
        try {
            taken = eventStore.lastSequenceNumberFor(refundId).isPresent();
        } catch (AggregateNotFoundException e) {
            taken = false;
        }
        if (taken) {
            throw new CommandRejectedException(
                    RejectionCode.DUPLICATE_ID, "refundId", "refund id " + refundId + " is already taken");
        }
    }

    private Aggregate<Payment> paymentOf(Aggregate<Refund> refund) {
        PaymentId paymentId = refund.invoke(Refund::paymentId);
        return load(payments, paymentId.value(), RejectionCode.PAYMENT_NOT_FOUND, "payment");
    }

    private static <T> Aggregate<T> load(Repository<T> repository, String id, RejectionCode notFound, String kind) {
        try {
            return repository.load(id);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw new CommandRejectedException(notFound, kind + " " + id + " not found");
        }
    }
}
