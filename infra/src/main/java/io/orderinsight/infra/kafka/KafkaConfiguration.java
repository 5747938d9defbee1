package io.orderinsight.infra.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderinsight.infra.OrderInsightProperties;
import io.orderinsight.projections.support.OrderIdSequencingPolicy;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Kafka: an external cluster by {@code spring.kafka.bootstrap-servers} (or {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}),
 * or else a real broker in this process ({@link EmbeddedKafka}). The contract's topics are created when missing, with
 * the configured partitions and replicas.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
public class KafkaConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${spring.kafka.bootstrap-servers:}'.isEmpty()")
    EmbeddedKafka embeddedKafka(KafkaSettings settings, OrderInsightProperties app) {
        return new EmbeddedKafka(
                        app.dataDir().resolve("kafka"), settings.embedded().port())
                .start();
    }

    @Bean
    @ConditionalOnExpression("'${spring.kafka.bootstrap-servers:}'.isEmpty()")
    KafkaConnectionDetails embeddedKafkaConnection(EmbeddedKafka broker) {
        return () -> List.of(broker.bootstrapServers());
    }

    @Bean
    KafkaAdmin.NewTopics contractTopics(KafkaSettings settings) {
        KafkaSettings.Topics topics = settings.topics();
        return new KafkaAdmin.NewTopics(
                List.of(
                                topics.commands(),
                                topics.commandsDlq(),
                                topics.commandResults(),
                                topics.events(),
                                topics.alerts())
                        .stream()
                        .map(name -> TopicBuilder.name(name)
                                .partitions(settings.partitions())
                                .replicas(settings.replicas())
                                .build())
                        .toArray(NewTopic[]::new));
    }

    @Bean
    KafkaEventPublisher kafkaEventPublisher(
            KafkaTemplate<String, byte[]> kafka,
            ObjectMapper json,
            KafkaSettings settings,
            Clock clock,
            MeterRegistry meters) {
        return new KafkaEventPublisher(kafka, json, settings, clock, meters);
    }

    /**
     * The publisher keeps its position in PostgreSQL, sequences by order (one order's events in order), and lets a
     * failed send fail its batch, which is tried again, instead of logging it and moving on.
     */
    @Bean
    ConfigurerModule kafkaPublisherProcessor(JdbcTokenStore sideEffectTokenStore) {
        return configurer -> configurer
                .eventProcessing()
                .registerTokenStore(KafkaEventPublisher.PROCESSING_GROUP, configuration -> sideEffectTokenStore)
                .registerSequencingPolicy(
                        KafkaEventPublisher.PROCESSING_GROUP, configuration -> new OrderIdSequencingPolicy())
                .registerListenerInvocationErrorHandler(
                        KafkaEventPublisher.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
