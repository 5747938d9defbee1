package io.orderinsight.command.refund;

import static io.orderinsight.command.testing.Rejections.withCode;
import static io.orderinsight.domain.shared.RejectionCode.INVALID_STATE;

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
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefundTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final RefundId REFUND = RefundId.of("r-1");
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final PaymentId PAYMENT = PaymentId.of("p-1");
    private static final Money AMOUNT = Money.of(2_000, "EUR");

    private FixtureConfiguration<Refund> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Refund.class);
    }

    @Test
    void approvesRequestedRefund() {
        fixture.given(requested(RefundStatus.REQUESTED))
                .when(new ApproveRefundCommand(REFUND, AT, false))
                .expectEvents(approved());
    }

    @Test
    void approvesRefundPendingReviewForTheRiskTeam() {
        fixture.given(requested(RefundStatus.PENDING_REVIEW))
                .when(new ApproveRefundCommand(REFUND, AT, true))
                .expectEvents(approved());
    }

    @Test
    void refusesToApproveARefundPendingReviewForAnyoneElse() {
        fixture.given(requested(RefundStatus.PENDING_REVIEW))
                .when(new ApproveRefundCommand(REFUND, AT, false))
                .expectNoEvents()
                .expectException(withCode(RejectionCode.FORBIDDEN));
    }

    @Test
    void rejectsApprovingCompletedRefund() {
        fixture.given(
                        requested(RefundStatus.REQUESTED),
                        approved(),
                        new RefundCompletedEvent(REFUND, ORDER, PAYMENT, AMOUNT, AT))
                .when(new ApproveRefundCommand(REFUND, AT, false))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    @Test
    void rejectsApprovingRejectedRefund() {
        fixture.given(
                        requested(RefundStatus.REQUESTED),
                        new RefundRejectedEvent(REFUND, ORDER, PAYMENT, AMOUNT, "not eligible", AT))
                .when(new ApproveRefundCommand(REFUND, AT, false))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectException(withCode(INVALID_STATE));
    }

    private static RefundRequestedEvent requested(RefundStatus status) {
        return new RefundRequestedEvent(REFUND, ORDER, PAYMENT, CustomerId.of("c-1"), AMOUNT, "damaged", status, AT);
    }

    private static RefundApprovedEvent approved() {
        return new RefundApprovedEvent(REFUND, ORDER, PAYMENT, AMOUNT, AT);
    }
}
