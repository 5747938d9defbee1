package io.orderinsight.command.refund;

import static io.orderinsight.domain.shared.CommandRejectedException.invalidState;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderinsight.command.support.AggregateSettings;
import io.orderinsight.domain.refund.ApproveRefundCommand;
import io.orderinsight.domain.refund.RefundApprovedEvent;
import io.orderinsight.domain.refund.RefundCompletedEvent;
import io.orderinsight.domain.refund.RefundRejectedEvent;
import io.orderinsight.domain.refund.RefundRequestedEvent;
import io.orderinsight.domain.refund.RefundStatus;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import io.orderinsight.domain.shared.RejectionCode;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A refund: REQUESTED (or PENDING_REVIEW for a held customer) → APPROVED → COMPLETED, or → REJECTED. Its money is
 * reserved on its payment from the request until it is paid out or rejected.
 */
@Aggregate(snapshotTriggerDefinition = AggregateSettings.SNAPSHOT_TRIGGER, cache = AggregateSettings.REFUND_CACHE)
public class Refund {

    @AggregateIdentifier
    private RefundId refundId;

    private OrderId orderId;
    private PaymentId paymentId;
    private Money amount;
    private RefundStatus status;

    protected Refund() {}

    Refund(
            RefundId refundId,
            OrderId orderId,
            PaymentId paymentId,
            CustomerId customerId,
            Money amount,
            String reason,
            boolean heldForReview,
            Instant occurredAt) {
        apply(new RefundRequestedEvent(
                refundId,
                orderId,
                paymentId,
                customerId,
                amount,
                reason,
                heldForReview ? RefundStatus.PENDING_REVIEW : RefundStatus.REQUESTED,
                occurredAt));
    }

    @CommandHandler
    public void handle(ApproveRefundCommand command) {
        requireAwaitingDecision("approved", command.reviewer());
        apply(new RefundApprovedEvent(refundId, orderId, paymentId, amount, command.occurredAt()));
    }

    void reject(String reason, Instant occurredAt, boolean reviewer) {
        requireAwaitingDecision("rejected", reviewer);
        apply(new RefundRejectedEvent(refundId, orderId, paymentId, amount, reason, occurredAt));
    }

    void complete(Instant occurredAt) {
        if (status != RefundStatus.APPROVED) {
            throw invalidState("refund " + refundId + " cannot be completed: it is " + status + ", not APPROVED");
        }
        apply(new RefundCompletedEvent(refundId, orderId, paymentId, amount, occurredAt));
    }

    PaymentId paymentId() {
        return paymentId;
    }

    private void requireAwaitingDecision(String decision, boolean reviewer) {
        if (status != RefundStatus.REQUESTED && status != RefundStatus.PENDING_REVIEW) {
            throw invalidState("refund " + refundId + " cannot be " + decision + ": it is " + status);
        }
        if (status == RefundStatus.PENDING_REVIEW && !reviewer) {
            throw new CommandRejectedException(
                    RejectionCode.FORBIDDEN,
                    "refund " + refundId + " is held for review: only the risk team (RISK role) can have it "
                            + decision);
        }
    }

    @EventSourcingHandler
    void on(RefundRequestedEvent event) {
        refundId = event.refundId();
        orderId = event.orderId();
        paymentId = event.paymentId();
        amount = event.amount();
        status = event.status();
    }

    @EventSourcingHandler
    void on(RefundApprovedEvent event) {
        status = RefundStatus.APPROVED;
    }

    @EventSourcingHandler
    void on(RefundRejectedEvent event) {
        status = RefundStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(RefundCompletedEvent event) {
        status = RefundStatus.COMPLETED;
    }
}
