package io.orderinsight.infra.axon;

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
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    @Bean
    SagaStore<Object> sagaStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema())
                .serializer(serializer)
                .build();
    }

    @Bean
    ConfigurerModule riskProcessors(JdbcTokenStore sideEffectTokenStore) {
        return configurer -> {
            for (String group : GROUPS) {
                configurer.eventProcessing().registerTokenStore(group, configuration ->
                        (TokenStore) sideEffectTokenStore);
            }
        };
    }
}
