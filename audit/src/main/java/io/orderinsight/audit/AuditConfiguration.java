package io.orderinsight.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderinsight.audit.access.AccessLog;
import io.orderinsight.audit.backtest.RuleBacktest;
import io.orderinsight.audit.cases.CaseHistory;
import io.orderinsight.audit.cases.CaseIndex;
import io.orderinsight.audit.cases.CaseState;
import io.orderinsight.audit.chain.ChainStore;
import io.orderinsight.audit.chain.CheckpointFile;
import io.orderinsight.audit.chain.CheckpointPublisher;
import io.orderinsight.audit.chain.Checkpoints;
import io.orderinsight.audit.chain.HashChain;
import io.orderinsight.audit.chain.SigningKeys;
import io.orderinsight.audit.jobs.Jobs;
import io.orderinsight.command.risk.ReportingRates;
import io.orderinsight.command.risk.RuleBook;
import io.orderinsight.domain.customer.PersonalDataReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit side's wiring: the jobs that run long work, rule backtests, case history and state, the access log. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService jobWorkers() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(2, work -> {
            Thread thread = new Thread(work, "job-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    Jobs jobs(JdbcTemplate jdbc, ObjectMapper json, Clock clock, ExecutorService jobWorkers) {
        return new Jobs(jdbc, json, clock, jobWorkers);
    }

    @Bean
    RuleBacktest ruleBacktest(EventStore eventStore, RuleBook ruleBook, ReportingRates rates, Clock clock) {
        return new RuleBacktest(eventStore, ruleBook, rates, clock);
    }

    @Bean
    CaseIndex caseIndex(JdbcTemplate jdbc) {
        return new CaseIndex(jdbc);
    }

    @Bean
    CaseHistory caseHistory(JdbcTemplate jdbc, ObjectMapper json, PersonalDataReader personalData) {
        return new CaseHistory(jdbc, json, personalData);
    }

    /** The case's aggregates written by their fields, with the snapshot serializer's mapper. */
    @Bean
    CaseState caseState(
            CaseHistory history,
            EventStore eventStore,
            Serializer serializer,
            org.axonframework.config.Configuration axon) {
        ObjectMapper fields = serializer instanceof JacksonSerializer jackson
                ? jackson.getObjectMapper()
                : new ObjectMapper().findAndRegisterModules();
        return new CaseState(history, eventStore, fields, axon.parameterResolverFactory());
    }

    @Bean
    AccessLog accessLog(JdbcTemplate jdbc, Clock clock) {
        return new AccessLog(jdbc, clock);
    }

    @Bean
    HashChain hashChain(JdbcTemplate jdbc, Clock clock) {
        return new HashChain(jdbc, clock);
    }

    @Bean
    ChainStore chainStore(JdbcTemplate jdbc, ObjectMapper json) {
        return new ChainStore(jdbc, json);
    }

    /**
     * The checkpoints' Ed25519 keys: {@code orderinsight.audit.signing.private-key} / {@code .public-key} (base64
     * PKCS#8 / X.509), or else generated once into the data directory.
     */
    @Bean
    SigningKeys signingKeys(
            @Value("${orderinsight.audit.signing.private-key:}") String privateKey,
            @Value("${orderinsight.audit.signing.public-key:}") String publicKey,
            @Value("${orderinsight.data-dir:./data}") Path dataDir) {
        if (!privateKey.isBlank() && !publicKey.isBlank()) {
            return SigningKeys.configured(privateKey, publicKey);
        }
        return SigningKeys.inDirectory(dataDir.toAbsolutePath());
    }

    /**
     * The append-only copy of the checkpoints outside the database: {@code orderinsight.audit.checkpoint-file}, by
     * default {@code <data-dir>/audit/checkpoints.ndjson}.
     */
    @Bean
    CheckpointFile checkpointFile(
            @Value("${orderinsight.audit.checkpoint-file:}") String configured,
            @Value("${orderinsight.data-dir:./data}") Path dataDir) {
        return new CheckpointFile(
                configured.isBlank()
                        ? dataDir.toAbsolutePath().resolve("audit").resolve("checkpoints.ndjson")
                        : Path.of(configured));
    }

    @Bean
    Checkpoints checkpoints(
            JdbcTemplate jdbc,
            ChainStore chain,
            SigningKeys keys,
            CheckpointFile file,
            CheckpointPublisher publisher,
            MeterRegistry meters,
            Clock clock) {
        return new Checkpoints(jdbc, chain, keys, file, publisher, meters, clock);
    }
}
