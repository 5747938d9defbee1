package io.orderinsight.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.DisputeOutcome;
import io.orderinsight.domain.payment.DisputeResolvedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.PaymentVoidedEvent;
import io.orderinsight.domain.payment.RefundReservedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.refund.RefundApprovedEvent;
import io.orderinsight.domain.refund.RefundCompletedEvent;
import io.orderinsight.domain.refund.RefundRequestedEvent;
import io.orderinsight.domain.refund.RefundStatus;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.DisputeId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import io.orderinsight.domain.shared.SellerId;
import io.orderinsight.projections.order.OrderViewProjection;
import io.orderinsight.projections.payment.PaymentViewProjection;
import io.orderinsight.projections.refund.RefundViewProjection;
import io.orderinsight.projections.testing.InMemoryMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redelivered events never change a view: every event delivered twice gives the documents of a single delivery. */
class ViewProjectionsRedeliveryTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final PaymentId PAYMENT = PaymentId.of("p-1");
    private static final RefundId REFUND = RefundId.of("r-1");

    @RegisterExtension
    final InMemoryMongo mongo = new InMemoryMongo();

    @Test
    void buildsTheSameViewsWhenEveryEventIsDeliveredTwice() throws Exception {
        List<Document> once = project(mongo.database("once"), history(), 1);
        List<Document> twice = project(mongo.database("twice"), history(), 2);

        assertThat(twice).isEqualTo(once);
        assertThat(once).hasSize(3);
    }

    @Test
    void buildsTheSameViewsWhenTheWholeHistoryIsReplayedOverThem() throws Exception {
        MongoDatabase database = mongo.database("replayed");
        List<Document> first = project(database, history(), 1);

        List<Document> replayed = project(database, history(), 1);

        assertThat(replayed).isEqualTo(first);
    }

    @Test
    void sumsPaymentMoneyExactly() throws Exception {
        List<Document> views = project(mongo.database("money"), history(), 2);

        Document payment = views.get(1);
        assertThat(payment.getLong("captured")).isEqualTo(6000L);
        assertThat(payment.getLong("voided")).isEqualTo(4000L);
        assertThat(payment.getLong("refunded")).isEqualTo(1000L);
        assertThat(payment.getLong("refundsInFlight")).isZero();
        assertThat(payment.getLong("disputed")).isZero();
        assertThat(payment.getString("status")).isEqualTo("VOIDED");
        Document order = views.get(0);
        assertThat(order.getString("status")).isEqualTo("SHIPPED");
        Document entry = order.get("payments", Document.class).get("p-1", Document.class);
        assertThat(entry.getLong("captured")).isEqualTo(6000L);
        assertThat(entry.getLong("refunded")).isEqualTo(1000L);
        assertThat(entry.getLong("version")).isEqualTo(7L);
        assertThat(entry.keySet()).doesNotContain("authorizedAt", "captures", "refunds");
        assertThat(order.getList("refundIds", String.class)).containsExactly("r-1");
        assertThat(views.get(2).getString("status")).isEqualTo("COMPLETED");
    }

    private static List<Document> project(MongoDatabase database, List<DomainEventMessage<?>> events, int times)
            throws Exception {
        List<AnnotationEventHandlerAdapter> projections = List.of(
                new AnnotationEventHandlerAdapter(new OrderViewProjection(database)),
                new AnnotationEventHandlerAdapter(new PaymentViewProjection(database)),
                new AnnotationEventHandlerAdapter(new RefundViewProjection(database)));
        for (DomainEventMessage<?> event : events) {
            for (int delivery = 0; delivery < times; delivery++) {
                for (AnnotationEventHandlerAdapter projection : projections) {
                    if (projection.canHandle(event)) {
                        projection.handle(event);
                    }
                }
            }
        }
        List<Document> views = new ArrayList<>();
        views.add(database.getCollection(OrderViewProjection.COLLECTION).find().first());
        views.add(
                database.getCollection(PaymentViewProjection.COLLECTION).find().first());
        views.add(database.getCollection(RefundViewProjection.COLLECTION).find().first());
        return views;
    }

    private static List<DomainEventMessage<?>> history() {
        Money total = Money.of(10_000, "EUR");
        List<DomainEventMessage<?>> events = new ArrayList<>();
        events.add(event(
                "Order",
                ORDER.value(),
                0,
                new OrderPlacedEvent(
                        ORDER,
                        CustomerId.of("c-1"),
                        SellerId.of("s-1"),
                        Channel.LIVE,
                        "DE",
                        List.of(new OrderLine("sku", "toys", 1, 10_000)),
                        total,
                        null,
                        AT)));
        events.add(event(
                "Payment",
                PAYMENT.value(),
                0,
                new PaymentAuthorizedEvent(
                        PAYMENT, ORDER, total, PaymentMethod.CARD, new PaymentInstrument("fp", "DE", "DE"), AT)));
        events.add(event(
                "Payment",
                PAYMENT.value(),
                1,
                new PaymentCapturedEvent(PAYMENT, ORDER, Money.of(6_000, "EUR"), Money.of(6_000, "EUR"), AT)));
        events.add(event(
                "Payment", PAYMENT.value(), 2, new PaymentVoidedEvent(PAYMENT, ORDER, Money.of(4_000, "EUR"), AT)));
        events.add(event(
                "Payment",
                PAYMENT.value(),
                3,
                new RefundReservedEvent(PAYMENT, ORDER, REFUND, Money.of(1_000, "EUR"), AT)));
        events.add(event(
                "Refund",
                REFUND.value(),
                0,
                new RefundRequestedEvent(
                        REFUND,
                        ORDER,
                        PAYMENT,
                        CustomerId.of("c-1"),
                        Money.of(1_000, "EUR"),
                        "damaged",
                        RefundStatus.REQUESTED,
                        AT)));
        events.add(event(
                "Refund",
                REFUND.value(),
                1,
                new RefundApprovedEvent(REFUND, ORDER, PAYMENT, Money.of(1_000, "EUR"), AT)));
        events.add(event(
                "Refund",
                REFUND.value(),
                2,
                new RefundCompletedEvent(REFUND, ORDER, PAYMENT, Money.of(1_000, "EUR"), AT)));
        events.add(event(
                "Payment",
                PAYMENT.value(),
                4,
                new RefundSettledEvent(PAYMENT, ORDER, REFUND, Money.of(1_000, "EUR"), AT)));
        events.add(event(
                "Payment",
                PAYMENT.value(),
                5,
                new DisputeOpenedEvent(PAYMENT, ORDER, DisputeId.of("d-1"), Money.of(500, "EUR"), "fraud", AT)));
        events.add(event(
                "Payment",
                PAYMENT.value(),
                6,
                new DisputeResolvedEvent(
                        PAYMENT, ORDER, DisputeId.of("d-1"), DisputeOutcome.WON, Money.of(500, "EUR"), AT)));
        events.add(event("Order", ORDER.value(), 1, new OrderShippedEvent(ORDER, "DHL", "T-1", AT)));
        return events;
    }

    private static DomainEventMessage<?> event(String type, String id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, id, sequence, payload);
    }
}
