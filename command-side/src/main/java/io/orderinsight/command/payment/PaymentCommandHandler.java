package io.orderinsight.command.payment;

import io.orderinsight.command.order.Order;
import io.orderinsight.domain.payment.RecordPaymentCommand;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import java.util.Currency;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Records payments. A payment is a fact, but it must name a known order and use that order's currency, which only
 * the order knows: so this handler reads the order before creating the payment.
 */
public class PaymentCommandHandler {

    private final Repository<Order> orders;
    private final Repository<Payment> payments;

    public PaymentCommandHandler(Repository<Order> orders, Repository<Payment> payments) {
        this.orders = orders;
        this.payments = payments;
    }

    @CommandHandler
    public void handle(RecordPaymentCommand command) throws Exception {
        if (!command.amount().isPositive()) {
            throw CommandRejectedException.invalid(
                    "amount", "amount must be positive, was " + command.amount().minor());
        }
        Currency orderCurrency;
        try {
            orderCurrency = orders.load(command.orderId().value()).invoke(Order::currency);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw new CommandRejectedException(
                    RejectionCode.ORDER_NOT_FOUND, "orderId", "order " + command.orderId() + " not found");
        }
        if (!orderCurrency.equals(command.amount().currency())) {
            throw new CommandRejectedException(
                    RejectionCode.CURRENCY_MISMATCH,
                    "currency",
                    "payment currency " + command.amount().currency() + " differs from order " + command.orderId()
                            + " currency " + orderCurrency);
        }
        payments.newInstance(() -> new Payment(command));
    }
}
