package io.orderinsight.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.orderinsight.projections.order.OrderViewDocument;
import io.orderinsight.projections.order.OrderViewProjection;
import io.orderinsight.projections.order.PaymentEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.repository.support.MongoRepositoryFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The plain Axon setup a team would otherwise pick, as the baseline of the order views' rebuild: Axon's JDBC event store
 * with its defaults over the application's PostgreSQL, one tracking processor with Axon's defaults (one thread, one
 * segment, batches of one event, its token in a JDBC token store), and a projection that loads and saves the order's
 * document through a Spring Data MongoDB repository for each event ({@link PlainOrderViewProjection}). It reads the same
 * events from the same store and writes into the same MongoDB, beside the application's read models.
 */
final class PlainAxonPeer {

    static final String PROCESSOR = "plain-order-views";

    private PlainAxonPeer() {}

    /** The peer's run over the whole store: how long it took, and how many order views it agrees with. */
    record Result(long events, double seconds, long views, long matching) {

        double rate() {
            return events / seconds;
        }
    }

    /** Projects every event up to {@code head} from nothing; the application's order views are left as they are. */
    static Result run(ConfigurableApplicationContext app, long head, long events) throws InterruptedException {
        DataSource dataSource = app.getBean(DataSource.class);
        Serializer serializer = app.getBean(Serializer.class);
        SpringTransactionManager transactions = new SpringTransactionManager(new JdbcTransactionManager(dataSource));
        ConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(JdbcEventStorageEngine.builder()
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .build())
                .build();
        MongoDatabase database = app.getBean(MongoDatabase.class);
        MongoTemplate template = new MongoTemplate(app.getBean(MongoClient.class), database.getName());
        PlainOrderViews views = new MongoRepositoryFactory(template).getRepository(PlainOrderViews.class);
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(PROCESSOR)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(new PlainOrderViewProjection(views))
                        // a failure stops the run instead of being logged and skipped, so the figures are of all events
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .messageSource(store)
                .tokenStore(JdbcTokenStore.builder()
                        .connectionProvider(connections)
                        .serializer(serializer)
                        .build())
                .transactionManager(transactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing())
                .build();
        long began = System.nanoTime();
        long lastReport = began;
        processor.start();
        try {
            while (positionOf(processor) < head) {
                if (processor.isError()) {
                    throw new IllegalStateException("the plain peer failed; see its log");
                }
                Thread.sleep(100);
                if (System.nanoTime() - lastReport > 30_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf(
                            Locale.ROOT,
                            "  plain peer after %.0f s: %.0f%%%n",
                            (lastReport - began) / 1e9,
                            100.0 * Math.max(0, positionOf(processor)) / head);
                }
            }
        } finally {
            processor.shutDown();
            store.shutDown();
            new JdbcTemplate(dataSource).update("DELETE FROM tokenentry WHERE processorname = ?", PROCESSOR);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        MongoCollection<Document> ours = database.getCollection(OrderViewProjection.COLLECTION);
        MongoCollection<Document> theirs = database.getCollection(PlainOrderView.COLLECTION);
        Map<String, String> expected = new HashMap<>();
        for (Document view : ours.find().batchSize(1_000)) {
            expected.put(view.getString("_id"), outline(view));
        }
        long compared = 0;
        long matching = 0;
        for (Document view : theirs.find().batchSize(1_000)) {
            compared++;
            if (Objects.equals(expected.get(view.getString("_id")), outline(view))) {
                matching++;
            }
        }
        theirs.drop();
        return new Result(events, seconds, compared, matching);
    }

    /** What both kinds of order view must agree on: status, value, refunds and each payment's amounts. */
    private static String outline(Document view) {
        OrderViewDocument order = OrderViewDocument.of(view);
        List<String> payments = new ArrayList<>();
        for (PaymentEntry payment : order.payments().values()) {
            payments.add(payment.authorized() + "/" + payment.captured() + "/" + payment.refunded() + "/"
                    + payment.refundsInFlight() + "/" + payment.disputed());
        }
        payments.sort(null);
        return String.join(
                "|",
                order.status().name(),
                String.valueOf(order.total()),
                String.valueOf(order.refundIds().size()),
                String.valueOf(payments));
    }

    /** The processor's position: the lowest of its segments', -1 before it has processed anything. */
    private static long positionOf(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                .min()
                .orElse(-1);
    }
}
