package io.orderinsight.infra.support;

import io.orderinsight.infra.OrderInsightApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on its embedded engines, shared by every integration test of this family: one Spring context,
 * one embedded PostgreSQL in a fresh data directory. Tests use ids unique to themselves.
 */
@SpringBootTest(classes = OrderInsightApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApplicationIT {

    /** The published events' JSON Schemas, by {@code ce_type}. */
    protected static final String SCHEMAS = "/api/v1/schemas/events";

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    protected Api api;
    protected EventStoreProbe events;

    /** Runs once per Spring context: each context gets a data directory of its own. */
    @DynamicPropertySource
    static void embeddedEngines(DynamicPropertyRegistry registry) {
        Path dataDir = createDataDir();
        registry.add("orderinsight.data-dir", dataDir::toString);
        registry.add("orderinsight.postgres.embedded.port", () -> "0");
        registry.add("orderinsight.mongo.embedded.port", () -> "0");
        registry.add("orderinsight.kafka.embedded.port", () -> "0");
        registry.add("orderinsight.commands.snapshot-threshold", () -> "5");
        // 20 callers racing on one payment on a slow machine: room for every one of them to win eventually
        registry.add("orderinsight.commands.max-attempts", () -> "40");
        // the tests of this family share customers' cards and refund many times; the rules that restrict customers
        // are tested on their own (FraudRulesIT), here they would refuse other tests' commands
        registry.add("orderinsight.risk.card-testing.enabled", () -> "false");
        registry.add("orderinsight.risk.refund-abuse.enabled", () -> "false");
        // a client that closed its live stream frees its slot within a second or so
        registry.add("orderinsight.stream.heartbeat", () -> "PT0.5S");
        TestKeys.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        events = new EventStoreProbe(jdbc);
    }

    protected JdbcTemplate jdbc() {
        return jdbc;
    }

    /** A short pause while polling for asynchronous work. */
    protected static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("orderinsight-it-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
