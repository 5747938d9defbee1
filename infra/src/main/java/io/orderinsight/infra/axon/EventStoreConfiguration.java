package io.orderinsight.infra.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.domain.shared.MetadataKeys;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Axon's event store on PostgreSQL (Axon's {@link JdbcEventStorageEngine}; schema by Flyway), its serializer and the
 * metadata every event carries.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreProperties.class)
public class EventStoreConfiguration {

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Axon's transactions on the application's DataSource. When a command runs inside a transaction the HTTP layer
     * opened (to commit an idempotency key with the events), a rejected command must not poison that transaction:
     * the outer transaction decides alone whether it commits.
     */
    /** Axon's connections, each joined to the thread's transaction and ended by it alone. */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new TransactionOwnedConnections(dataSource));
    }

    @Bean
    TransactionManager axonTransactionManager(DataSource dataSource) {
        JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
        transactions.setGlobalRollbackOnParticipationFailure(false);
        return new SpringTransactionManager(transactions);
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStorageEngine eventStorageEngine(
            Serializer serializer,
            PersistenceExceptionResolver exceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration config,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventStoreProperties properties) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(config.upcasterChain())
                .persistenceExceptionResolver(exceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .batchSize(properties.batchSize())
                .gapTimeout(properties.gapTimeout())
                .gapCleaningThreshold(properties.gapCleaningThreshold())
                .maxGapOffset(properties.maxGapOffset())
                .build();
    }

    /**
     * One Jackson serializer for events, snapshots and messages. Aggregates are snapshotted by their fields, so
     * fields are visible to it whatever their modifiers.
     */
    @Bean
    @Primary
    Serializer serializer(ObjectMapper objectMapper) {
        ObjectMapper mapper = objectMapper
                .copy()
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * PostgreSQL reports a second writer at the same aggregate sequence as unique_violation (SQLSTATE 23505), often
     * wrapped in a BatchUpdateException; Axon then raises its ConcurrencyException and the command is retried.
     */
    @Bean
    PersistenceExceptionResolver uniqueViolationResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql) {
                    for (SQLException next = sql; next != null; next = next.getNextException()) {
                        if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                            return true;
                        }
                    }
                }
            }
            return false;
        };
    }

    /** Stored events of older revisions, read as the current ones (Axon registers every upcaster bean's chain). */
    @Bean
    RiskAlertRaisedUpcaster riskAlertRaisedUpcaster() {
        return new RiskAlertRaisedUpcaster();
    }

    @Bean
    AlertResolvedUpcaster alertResolvedUpcaster() {
        return new AlertResolvedUpcaster();
    }

    /** Axon's causation/trace ids, plus who sent the command, through which edge, with which key. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider commandOriginProvider() {
        return new SimpleCorrelationDataProvider(List.of(
                        MetadataKeys.PRINCIPAL,
                        MetadataKeys.SOURCE,
                        MetadataKeys.IDEMPOTENCY_KEY,
                        MetadataKeys.OCCURRED_AT,
                        MetadataKeys.KAFKA_RECORD,
                        MetadataKeys.KAFKA_PRODUCER)
                .toArray(String[]::new));
    }
}
