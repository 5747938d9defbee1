package io.orderinsight.infra.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderinsight.audit.chain.CheckpointPublisher;
import io.orderinsight.command.CommandSideProperties;
import io.orderinsight.command.api.CommandExecutor;
import io.orderinsight.command.api.WriteAvailability;
import io.orderinsight.command.kafka.CommandIngestion;
import io.orderinsight.command.kafka.PoisonCommandException;
import io.orderinsight.command.kafka.ReadOnlyCommandFailure;
import io.orderinsight.infra.OrderInsightProperties;
import io.orderinsight.infra.web.JacksonConfiguration;
import io.orderinsight.projections.support.OrderIdSequencingPolicy;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka: an external cluster by {@code spring.kafka.bootstrap-servers} (or {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}),
 * or else a real broker in this process ({@link EmbeddedKafka}). The contract's topics are created when missing, with
 * the configured partitions and replicas — but for the audit checkpoints' topic: one partition, so the checkpoints
 * keep their order as a chain, and no time limit on retention, so auditors can read all of them from the start — and
 * the commands topic and its dead-letter topic, which keep records for {@code orderinsight.kafka.commands-retention}
 * only (they may hold personal data in plain text). The settings of existing topics are brought in line at start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
public class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    private static final Duration CHECKPOINT_SEND_TIMEOUT = Duration.ofSeconds(10);

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
        String commandsRetention = Long.toString(settings.commandsRetention().toMillis());
        Stream<NewTopic> commands = Stream.of(topics.commands(), topics.commandsDlq())
                .map(name -> TopicBuilder.name(name)
                        .partitions(settings.partitions())
                        .replicas(settings.replicas())
                        .config(TopicConfig.RETENTION_MS_CONFIG, commandsRetention)
                        .build());
        Stream<NewTopic> published = Stream.of(topics.commandResults(), topics.events(), topics.alerts())
                .map(name -> TopicBuilder.name(name)
                        .partitions(settings.partitions())
                        .replicas(settings.replicas())
                        .build());
        Stream<NewTopic> partitioned = Stream.concat(commands, published);
        NewTopic checkpoints = TopicBuilder.name(topics.auditCheckpoints())
                .partitions(1)
                .replicas(settings.replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .build();
        return new KafkaAdmin.NewTopics(
                Stream.concat(partitioned, Stream.of(checkpoints)).toArray(NewTopic[]::new));
    }

    /** Each signed audit checkpoint as the endpoint lists it, keyed by its chain sequence number. */
    @Bean
    CheckpointPublisher kafkaCheckpointPublisher(KafkaTemplate<String, byte[]> kafka, KafkaSettings settings) {
        return checkpoint -> kafka.send(
                        settings.topics().auditCheckpoints(),
                        Long.toString(checkpoint.chainSeq()),
                        checkpoint.toJson().getBytes(StandardCharsets.UTF_8))
                .get(CHECKPOINT_SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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

    @Bean
    CommandIngestion commandIngestion(
            CommandExecutor executor,
            ObjectMapper json,
            Validator validator,
            Clock clock,
            CommandSideProperties commands,
            KafkaSettings settings) {
        return new CommandIngestion(
                executor,
                JacksonConfiguration.strict(json),
                validator,
                clock,
                commands.acceptedTimes(),
                settings.maxCommandBytes());
    }

    @Bean
    CommandListener commandListener(
            CommandIngestion ingestion,
            KafkaTemplate<String, byte[]> kafka,
            DeadLetterPublishingRecoverer commandDeadLetters,
            ObjectMapper json,
            KafkaSettings settings,
            MeterRegistry meters) {
        return new CommandListener(ingestion, kafka, commandDeadLetters, json, settings, meters);
    }

    /**
     * What happens to a command record the listener hands over ({@link CommandListener}; it parks poison records
     * itself): the records before it are committed, and from it on the poll is read again with back-off, for up to
     * five minutes, before the record is parked in the dead-letter topic; its offset is then committed, so the
     * partition keeps flowing.
     */
    @Bean
    DefaultErrorHandler commandErrorHandler(DeadLetterPublishingRecoverer commandDeadLetters) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(20);
        backOff.setInitialInterval(500);
        backOff.setMultiplier(2);
        backOff.setMaxInterval(15_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(commandDeadLetters, backOff);
        handler.addNotRetryableExceptions(PoisonCommandException.class);
        // a read-only node's records wait on the topic for as long as it lasts, never parked (its consumers pause)
        handler.setBackOffFunction((record, failure) -> readOnly(failure) ? WHILE_READ_ONLY : null);
        handler.setCommitRecovered(true);
        return handler;
    }

    /**
     * Parks a command record in the dead-letter topic, its original bytes untouched, with {@code error_code},
     * {@code error_message} and where it came from: the listener's way with a poison record, the error handler's
     * with a failure that outlasted its retries.
     */
    @Bean
    DeadLetterPublishingRecoverer commandDeadLetters(KafkaTemplate<String, byte[]> kafka, KafkaSettings settings) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, failure) -> new TopicPartition(settings.topics().commandsDlq(), -1));
        // the recoverer's own exception headers name classes and the listener method: only the contract's leave
        recoverer.excludeHeader(
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EXCEPTION,
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_CAUSE,
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_MSG,
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        recoverer.setHeadersFunction((record, failure) -> {
            Throwable cause = rootOf(failure);
            RecordHeaders headers = new RecordHeaders();
            if (cause instanceof PoisonCommandException poison) {
                headers.add("error_code", bytes(poison.code()));
                headers.add("error_message", bytes(String.valueOf(poison.getMessage())));
            } else {
                // a failure that outlasted every retry: its message is the failing component's, so it stays in the log
                headers.add("error_code", bytes("TRANSIENT_FAILURE_EXHAUSTED"));
                headers.add(
                        "error_message", bytes("the command could not run after retrying; the node's log says why"));
            }
            headers.add("source_topic", bytes(record.topic()));
            headers.add("source_partition", bytes(Integer.toString(record.partition())));
            headers.add("source_offset", bytes(Long.toString(record.offset())));
            return headers;
        });
        return recoverer;
    }

    private static final BackOff WHILE_READ_ONLY = new FixedBackOff(1_000, FixedBackOff.UNLIMITED_ATTEMPTS);

    private static boolean readOnly(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadOnlyCommandFailure) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pauses the commands' consumers while the node is read-only ({@link WriteAvailability}), so that their records wait
     * on the topic, and resumes them when its database takes writes again.
     */
    @Bean
    ApplicationRunner pauseIngestionWhileReadOnly(WriteAvailability writes, KafkaListenerEndpointRegistry listeners) {
        return arguments -> writes.onChange(readOnly -> {
            MessageListenerContainer commands = listeners.getListenerContainer(CommandListener.ID);
            if (commands == null) {
                return;
            }
            if (readOnly.isPresent()) {
                log.warn("read-only: the commands' consumers pause; their records wait on the topic");
                commands.pause();
            } else {
                log.info("writable again: the commands' consumers resume");
                commands.resume();
            }
        });
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof PoisonCommandException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
