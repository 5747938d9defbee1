package io.orderinsight.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.RefundReservedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import io.orderinsight.domain.shared.SellerId;
import io.orderinsight.projections.order.OrderViewProjection;
import io.orderinsight.projections.testing.BatchDelivery;
import io.orderinsight.projections.testing.CrashingMongo;
import io.orderinsight.projections.testing.InMemoryMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A crash in the middle of a batch: the processor dies after some of the batch's writes, its token was not stored,
 * and the whole batch is delivered again. For every crash point the views equal a clean single delivery: event by
 * event, and batched as the processor runs them (one flush at the end of the batch).
 */
class ViewProjectionsCrashTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @RegisterExtension
    final InMemoryMongo mongo = new InMemoryMongo();

    @Test
    void recoversExactlyFromACrashAfterAnyNumberOfWritesOfABatch() throws Exception {
        List<DomainEventMessage<?>> batch = history();
        Document clean = deliver(mongo.database("clean"), batch, batch.size());

        for (int crashAfter = 0; crashAfter < batch.size(); crashAfter++) {
            MongoDatabase database = mongo.database("crash-" + crashAfter);
            int writes = crashAfter;
            assertThatThrownBy(() -> deliverAndCrash(database, batch, writes)).isInstanceOf(Crash.class);

            Document recovered = deliver(database, batch, batch.size());

            assertThat(recovered).as("crash after %d events", crashAfter).isEqualTo(clean);
        }
    }

    /**
     * The batched path, as the processor runs it: the whole batch in one batching unit of work whose writes are flushed
     * at its end; the process dies after any number of the flush's single writes (a bulk cut after any document), and
     * the batch is delivered again, in one unit of work too.
     */
    @Test
    void recoversExactlyFromACrashAfterAnyWriteOfABatchedFlush() throws Exception {
        List<DomainEventMessage<?>> batch = new ArrayList<>(history());
        batch.addAll(secondOrder());
        List<Document> clean = deliverBatched(mongo.database("batched-clean"), batch);

        int crashes = 0;
        for (int writes = 0; ; writes++) {
            MongoDatabase database = mongo.database("batched-crash-" + writes);
            try {
                deliverBatched(CrashingMongo.dyingAfter(database, writes), batch);
                break;
            } catch (CrashingMongo.Crash crash) {
                crashes++;
            }

            List<Document> recovered = deliverBatched(database, batch);

            assertThat(recovered)
                    .as("crash after %d writes of the flush", writes)
                    .isEqualTo(clean);
        }
        // the flush wrote both orders, so it was cut before, between and after them
        assertThat(crashes).isGreaterThanOrEqualTo(2);
    }

    private static List<Document> deliverBatched(MongoDatabase database, List<DomainEventMessage<?>> batch)
            throws Exception {
        OrderViewProjection views = new OrderViewProjection(database);
        List<EventMessage<?>> tracked = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            tracked.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(i), batch.get(i)));
        }
        BatchDelivery.deliver(views, tracked);
        return database.getCollection(OrderViewProjection.COLLECTION)
                .find()
                .sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
    }

    private static List<DomainEventMessage<?>> secondOrder() {
        OrderId order = OrderId.of("o-2");
        PaymentId payment = PaymentId.of("p-2");
        return List.of(
                new GenericDomainEventMessage<>(
                        "Order",
                        "o-2",
                        0,
                        new OrderPlacedEvent(
                                order,
                                CustomerId.of("c-2"),
                                SellerId.of("s-1"),
                                Channel.LIVE,
                                "DE",
                                List.of(new OrderLine("sku-2", "toys", 1, 2_500)),
                                Money.of(2_500, "EUR"),
                                null,
                                AT)),
                new GenericDomainEventMessage<>(
                        "Payment",
                        "p-2",
                        0,
                        new PaymentAuthorizedEvent(
                                payment, order, Money.of(2_500, "EUR"), PaymentMethod.CARD, null, AT)));
    }

    private static final class Crash extends RuntimeException {
        Crash() {
            super("processor killed", null, false, false);
        }
    }

    private static void deliverAndCrash(MongoDatabase database, List<DomainEventMessage<?>> batch, int handled)
            throws Exception {
        deliver(database, batch, handled);
        throw new Crash();
    }

    private static Document deliver(MongoDatabase database, List<DomainEventMessage<?>> batch, int count)
            throws Exception {
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(new OrderViewProjection(database));
        for (DomainEventMessage<?> event : batch.subList(0, count)) {
            if (projection.canHandle(event)) {
                projection.handle(event);
            }
        }
        return database.getCollection(OrderViewProjection.COLLECTION).find().first();
    }

    private static List<DomainEventMessage<?>> history() {
        OrderId order = OrderId.of("o-1");
        PaymentId payment = PaymentId.of("p-1");
        List<DomainEventMessage<?>> events = new ArrayList<>();
        events.add(new GenericDomainEventMessage<>(
                "Order",
                "o-1",
                0,
                new OrderPlacedEvent(
                        order,
                        CustomerId.of("c-1"),
                        SellerId.of("s-1"),
                        Channel.SHOP,
                        "FR",
                        List.of(new OrderLine("sku", "books", 3, 1_000)),
                        Money.of(3_000, "EUR"),
                        null,
                        AT)));
        events.add(new GenericDomainEventMessage<>(
                "Payment",
                "p-1",
                0,
                new PaymentAuthorizedEvent(payment, order, Money.of(3_000, "EUR"), PaymentMethod.CARD, null, AT)));
        events.add(new GenericDomainEventMessage<>(
                "Payment",
                "p-1",
                1,
                new PaymentCapturedEvent(payment, order, Money.of(1_000, "EUR"), Money.of(1_000, "EUR"), AT)));
        events.add(new GenericDomainEventMessage<>(
                "Payment",
                "p-1",
                2,
                new PaymentCapturedEvent(
                        payment, order, Money.of(2_000, "EUR"), Money.of(3_000, "EUR"), AT.plusSeconds(60))));
        events.add(new GenericDomainEventMessage<>(
                "Payment",
                "p-1",
                3,
                new RefundReservedEvent(payment, order, RefundId.of("r-1"), Money.of(500, "EUR"), AT)));
        events.add(new GenericDomainEventMessage<>(
                "Payment",
                "p-1",
                4,
                new RefundSettledEvent(payment, order, RefundId.of("r-1"), Money.of(500, "EUR"), AT.plusSeconds(120))));
        return events;
    }
}
