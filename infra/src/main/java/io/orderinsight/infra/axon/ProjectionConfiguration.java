package io.orderinsight.infra.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.orderinsight.infra.mongo.MongoProperties;
import io.orderinsight.projections.insight.InsightProjection;
import io.orderinsight.projections.order.OrderViewProjection;
import io.orderinsight.projections.payment.PaymentViewProjection;
import io.orderinsight.projections.refund.RefundViewProjection;
import io.orderinsight.projections.risk.RiskViewProjection;
import io.orderinsight.projections.support.OrderIdSequencingPolicy;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.query.ProjectionClock;
import java.util.Map;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read-model projections: each its own processing group and pooled streaming processor (settings under
 * {@code axon.eventhandling.processors.<group>}), sequenced by order id, with its tracking token in MongoDB beside its
 * documents (axon-mongo's {@link MongoTokenStore}). Everything with side effects keeps the JDBC token store.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    @Bean
    OrderViewProjection orderViewProjection(MongoDatabase readModels) {
        return new OrderViewProjection(readModels);
    }

    @Bean
    PaymentViewProjection paymentViewProjection(MongoDatabase readModels) {
        return new PaymentViewProjection(readModels);
    }

    @Bean
    RefundViewProjection refundViewProjection(MongoDatabase readModels) {
        return new RefundViewProjection(readModels);
    }

    @Bean
    InsightProjection insightProjection(MongoDatabase readModels) {
        return new InsightProjection(readModels);
    }

    @Bean
    RiskViewProjection riskViewProjection(MongoDatabase readModels) {
        return new RiskViewProjection(readModels);
    }

    /** The event source of every projection processor ({@code axon.eventhandling.processors.<group>.source}). */
    @Bean
    ProjectionEventSource projectionEvents(EventStore eventStore) {
        return new ProjectionEventSource(eventStore);
    }

    @Bean
    MongoTokenStore projectionTokenStore(MongoClient client, MongoProperties properties, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(client, properties.database())
                        .build())
                .serializer(serializer)
                .build();
    }

    @Bean
    ProjectionClock projectionClock(
            MongoClient client, MongoProperties properties, Serializer serializer, JdbcTemplate jdbc) {
        return new TrackingProjectionClock(client.getDatabase(properties.database()), serializer, jdbc);
    }

    /**
     * Per projection: its token store, sequencing by order id (risk views: by aggregate), and the interceptor that writes each batch of its
     * events to MongoDB once the batch's last event was handled (before the processor stores its token).
     */
    @Bean
    ConfigurerModule projectionProcessors(
            MongoTokenStore projectionTokens,
            OrderViewProjection orders,
            PaymentViewProjection payments,
            RefundViewProjection refunds,
            InsightProjection insight,
            RiskViewProjection risk) {
        Map<String, MessageHandlerInterceptor<EventMessage<?>>> batchWriters = Map.of(
                ProjectionNames.ORDER_VIEWS, orders.flushAtEndOfBatch(),
                ProjectionNames.PAYMENT_VIEWS, payments.flushAtEndOfBatch(),
                ProjectionNames.REFUND_VIEWS, refunds.flushAtEndOfBatch(),
                ProjectionNames.INSIGHT, insight.flushAtEndOfBatch(),
                ProjectionNames.RISK_VIEWS, risk.flushAtEndOfBatch());
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (String group : ProjectionNames.ALL) {
                processing.registerTokenStore(group, configuration -> (TokenStore) projectionTokens);
                processing.registerSequencingPolicy(
                        group,
                        configuration -> group.equals(ProjectionNames.RISK_VIEWS)
                                ? SequentialPerAggregatePolicy.instance()
                                : new OrderIdSequencingPolicy());
                processing.registerHandlerInterceptor(group, configuration -> batchWriters.get(group));
            }
        };
    }
}
