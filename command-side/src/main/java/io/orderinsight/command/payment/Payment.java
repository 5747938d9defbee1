package io.orderinsight.command.payment;

import static io.orderinsight.domain.shared.CommandRejectedException.invalid;
import static io.orderinsight.domain.shared.CommandRejectedException.invalidState;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderinsight.command.support.AggregateSettings;
import io.orderinsight.domain.payment.CapturePaymentCommand;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.DisputeOutcome;
import io.orderinsight.domain.payment.DisputeResolvedEvent;
import io.orderinsight.domain.payment.DisputeStatus;
import io.orderinsight.domain.payment.OpenDisputeCommand;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentOutcome;
import io.orderinsight.domain.payment.PaymentStatus;
import io.orderinsight.domain.payment.PaymentVoidedEvent;
import io.orderinsight.domain.payment.RecordPaymentCommand;
import io.orderinsight.domain.payment.RefundReservationReleasedEvent;
import io.orderinsight.domain.payment.RefundReservedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.payment.ResolveDisputeCommand;
import io.orderinsight.domain.payment.VoidPaymentCommand;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import io.orderinsight.domain.shared.RejectionCode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A payment with its disputes. Authorization, decline, capture, void and disputes are facts reported by the payment
 * provider; they are recorded when consistent with this payment. The payment also owns its refundable balance:
 * refunds reserve from it, so two concurrent refunds can never together exceed it.
 */
@Aggregate(snapshotTriggerDefinition = AggregateSettings.SNAPSHOT_TRIGGER, cache = AggregateSettings.PAYMENT_CACHE)
public class Payment {

    @AggregateIdentifier
    private PaymentId paymentId;

    private OrderId orderId;
    private PaymentStatus status;
    private Money authorized;
    private Money captured;
    private Money voided;
    private Money refunded;
    private Map<String, Money> refundsInFlight;
    private Map<String, Dispute> disputes;

    protected Payment() {}

    /** Records a payment attempt on an order known to exist in the payment's currency. */
    Payment(RecordPaymentCommand command) {
        if (command.outcome() == PaymentOutcome.AUTHORIZED) {
            apply(new PaymentAuthorizedEvent(
                    command.paymentId(),
                    command.orderId(),
                    command.amount(),
                    command.method(),
                    command.instrument(),
                    command.occurredAt()));
        } else {
            apply(new PaymentDeclinedEvent(
                    command.paymentId(),
                    command.orderId(),
                    command.amount(),
                    command.method(),
                    command.declineReason(),
                    command.instrument(),
                    command.occurredAt()));
        }
    }

    @CommandHandler
    public void handle(CapturePaymentCommand command) {
        requireAuthorized("captured");
        Money amount = amountOf(command.amount());
        Money remaining = remainingAuthorization();
        if (amount.exceeds(remaining)) {
            throw new CommandRejectedException(
                    RejectionCode.CAPTURE_EXCEEDS_AUTHORIZED,
                    "amount",
                    "capture " + amount + " exceeds remaining authorization " + remaining + " on payment " + paymentId
                            + (status == PaymentStatus.VOIDED ? " (voided)" : ""));
        }
        apply(new PaymentCapturedEvent(paymentId, orderId, amount, captured.plus(amount), command.occurredAt()));
    }

    @CommandHandler
    public void handle(VoidPaymentCommand command) {
        requireAuthorized("voided");
        if (status == PaymentStatus.VOIDED) {
            throw invalidState("payment " + paymentId + " is already VOIDED");
        }
        Money remaining = remainingAuthorization();
        if (remaining.isZero()) {
            throw invalidState("payment " + paymentId + " has nothing left to void: it is " + status);
        }
        apply(new PaymentVoidedEvent(paymentId, orderId, remaining, command.occurredAt()));
    }

    @CommandHandler
    public void handle(OpenDisputeCommand command) {
        if (disputes.containsKey(command.disputeId().value())) {
            throw new CommandRejectedException(
                    RejectionCode.DUPLICATE_ID,
                    "disputeId",
                    "dispute " + command.disputeId() + " already exists on payment " + paymentId);
        }
        if (captured.isZero()) {
            throw invalidState("payment " + paymentId + " has no captured money to dispute: it is " + status);
        }
        Money amount = amountOf(command.amount());
        Money disputable = captured.minus(disputed());
        if (amount.exceeds(disputable)) {
            throw invalid(
                    "amount",
                    "dispute " + amount + " exceeds the undisputed captured " + disputable + " on payment "
                            + paymentId);
        }
        apply(new DisputeOpenedEvent(
                paymentId, orderId, command.disputeId(), amount, command.reason(), command.occurredAt()));
    }

    @CommandHandler
    public void handle(ResolveDisputeCommand command) {
        Dispute dispute = disputes.get(command.disputeId().value());
        if (dispute == null) {
            throw new CommandRejectedException(
                    RejectionCode.DISPUTE_NOT_FOUND,
                    "dispute " + command.disputeId() + " not found on payment " + paymentId);
        }
        if (dispute.status() != DisputeStatus.OPEN) {
            throw invalidState("dispute " + command.disputeId() + " is already " + dispute.status());
        }
        apply(new DisputeResolvedEvent(
                paymentId, orderId, command.disputeId(), command.outcome(), dispute.amount(), command.occurredAt()));
    }

    /** Sets {@code amount} of the refundable balance aside for a refund, or refuses when it is not there. */
    public void reserveRefund(RefundId refundId, Money amount, Instant occurredAt) {
        if (status == PaymentStatus.DECLINED) {
            throw invalidState("payment " + paymentId + " was DECLINED: nothing to refund");
        }
        Money refundable = refundable();
        if (amount.exceeds(refundable)) {
            throw new CommandRejectedException(
                    RejectionCode.REFUND_EXCEEDS_REFUNDABLE,
                    "amount",
                    "refund " + amount + " exceeds refundable " + refundable + " on payment " + paymentId
                            + " (captured " + captured + ", refunded " + refunded + ", in flight " + inFlight()
                            + ", disputed " + disputed() + ")");
        }
        apply(new RefundReservedEvent(paymentId, orderId, refundId, amount, occurredAt));
    }

    public void releaseRefund(RefundId refundId, Instant occurredAt) {
        apply(new RefundReservationReleasedEvent(paymentId, orderId, refundId, reservationOf(refundId), occurredAt));
    }

    public void settleRefund(RefundId refundId, Instant occurredAt) {
        apply(new RefundSettledEvent(paymentId, orderId, refundId, reservationOf(refundId), occurredAt));
    }

    public OrderId orderId() {
        return orderId;
    }

    /** Captured − refunded − refunds in flight − open or lost disputes. */
    public Money refundable() {
        return captured.minus(refunded).minus(inFlight()).minus(disputed());
    }

    private Money reservationOf(RefundId refundId) {
        Money reserved = refundsInFlight.get(refundId.value());
        if (reserved == null) {
            throw invalidState("refund " + refundId + " holds no reservation on payment " + paymentId);
        }
        return reserved;
    }

    private void requireAuthorized(String action) {
        if (status == PaymentStatus.DECLINED) {
            throw invalidState("payment " + paymentId + " was DECLINED and cannot be " + action);
        }
    }

    private Money amountOf(long minor) {
        if (minor <= 0) {
            throw invalid("amount", "amount must be positive, was " + minor);
        }
        return Money.of(minor, authorized.currency());
    }

    private Money remainingAuthorization() {
        return authorized.minus(captured).minus(voided);
    }

    private Money inFlight() {
        return refundsInFlight.values().stream().reduce(Money.zero(authorized.currency()), Money::plus);
    }

    private Money disputed() {
        return disputes.values().stream()
                .filter(dispute -> dispute.status() != DisputeStatus.WON)
                .map(Dispute::amount)
                .reduce(Money.zero(authorized.currency()), Money::plus);
    }

    @EventSourcingHandler
    void on(PaymentAuthorizedEvent event) {
        remember(event.paymentId(), event.orderId(), event.amount());
        status = PaymentStatus.AUTHORIZED;
    }

    @EventSourcingHandler
    void on(PaymentDeclinedEvent event) {
        remember(event.paymentId(), event.orderId(), event.amount());
        status = PaymentStatus.DECLINED;
    }

    private void remember(PaymentId paymentId, OrderId orderId, Money amount) {
        this.paymentId = paymentId;
        this.orderId = orderId;
        this.authorized = amount;
        this.captured = Money.zero(amount.currency());
        this.voided = Money.zero(amount.currency());
        this.refunded = Money.zero(amount.currency());
        this.refundsInFlight = new HashMap<>();
        this.disputes = new HashMap<>();
    }

    @EventSourcingHandler
    void on(PaymentCapturedEvent event) {
        captured = event.capturedTotal();
        status = captured.equals(authorized) ? PaymentStatus.CAPTURED : PaymentStatus.PARTIALLY_CAPTURED;
    }

    @EventSourcingHandler
    void on(PaymentVoidedEvent event) {
        voided = voided.plus(event.voidedAmount());
        status = PaymentStatus.VOIDED;
    }

    @EventSourcingHandler
    void on(DisputeOpenedEvent event) {
        disputes.put(event.disputeId().value(), new Dispute(event.amount(), DisputeStatus.OPEN));
    }

    @EventSourcingHandler
    void on(DisputeResolvedEvent event) {
        DisputeStatus resolved = event.outcome() == DisputeOutcome.WON ? DisputeStatus.WON : DisputeStatus.LOST;
        disputes.put(event.disputeId().value(), new Dispute(event.amount(), resolved));
    }

    @EventSourcingHandler
    void on(RefundReservedEvent event) {
        refundsInFlight.put(event.refundId().value(), event.amount());
    }

    @EventSourcingHandler
    void on(RefundReservationReleasedEvent event) {
        refundsInFlight.remove(event.refundId().value());
    }

    @EventSourcingHandler
    void on(RefundSettledEvent event) {
        refundsInFlight.remove(event.refundId().value());
        refunded = refunded.plus(event.amount());
    }

    /** A chargeback on this payment; open and lost ones hold back refundable money. */
    record Dispute(Money amount, DisputeStatus status) {}
}
