package io.orderinsight.infra.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderinsight.audit.cases.CaseIndex;
import io.orderinsight.audit.chain.HashChain;
import io.orderinsight.command.risk.OrderDeadlinesSaga;
import io.orderinsight.command.risk.RiskDetector;
import io.orderinsight.infra.OrderInsightProperties;
import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.modelling.saga.metamodel.AnnotationSagaMetaModelFactory;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The processors with side effects keep their tokens in PostgreSQL ({@link JdbcTokenStore}), in the transaction
 * that also holds what they decided: the fraud detector (its memory and the alerts it raised) and the deadline saga
 * (its state in Axon's {@link JdbcSagaStore}, its deadlines in db-scheduler's table), the audit's case index and its
 * hash chain.
 * Their tokens are never reset:
 * a lost or rewound token would raise old alerts and cancel orders again.
 */
@Configuration(proxyBeanMethods = false)
public class RiskProcessingConfiguration {

    static final List<String> GROUPS = List.of(
            RiskDetector.PROCESSING_GROUP,
            OrderDeadlinesSaga.PROCESSING_GROUP,
            CaseIndex.PROCESSING_GROUP,
            HashChain.PROCESSING_GROUP);

    @Bean
    JdbcTokenStore sideEffectTokenStore(
            ConnectionProvider connectionProvider, Serializer serializer, OrderInsightProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .nodeId(properties.node())
                .build();
    }

    /** Axon's JDBC saga store, the deadline saga's lookups of each batch made in one query. */
    @Bean
    BatchedSagaLookups<Object> sagaStore(
            ConnectionProvider connectionProvider, Serializer serializer, JdbcTemplate jdbc, MeterRegistry meters) {
        SagaSchema schema = new SagaSchema();
        SagaStore<Object> store = JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema(schema))
                .serializer(serializer)
                .build();
        return new BatchedSagaLookups<>(
                store,
                jdbc,
                schema,
                OrderDeadlinesSaga.class,
                serializer.typeForClass(OrderDeadlinesSaga.class).getName(),
                new AnnotationSagaMetaModelFactory().modelOf(OrderDeadlinesSaga.class),
                serializer,
                meters);
    }

    @Bean
    ConfigurerModule riskProcessors(JdbcTokenStore sideEffectTokenStore, BatchedSagaLookups<Object> sagaLookups) {
        return configurer -> {
            configurer
                    .eventProcessing()
                    .registerHandlerInterceptor(
                            OrderDeadlinesSaga.PROCESSING_GROUP, configuration -> sagaLookups.prefetchPerBatch());
            for (String group : GROUPS) {
                configurer.eventProcessing().registerTokenStore(group, configuration ->
                        (TokenStore) sideEffectTokenStore);
            }
        };
    }
}
