package io.orderinsight.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.orderinsight.infra.OrderInsightProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The read models' MongoDB: an external one by {@code spring.data.mongodb.uri}, or else a MongoDB wire server
 * in-process (mongo-java-server), which the official driver talks to like any other. With the memory backend (the
 * default) the read models and their tracking tokens are gone together on a restart and rebuild from the event store;
 * the file backend keeps them under the data directory.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongoProperties.class)
public class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    @Bean(destroyMethod = "shutdownNow")
    @ConditionalOnExpression("'${spring.data.mongodb.uri:}'.isEmpty()")
    MongoServer embeddedMongoServer(MongoProperties properties, OrderInsightProperties app) throws IOException {
        MongoBackend backend;
        if (properties.embedded().backend() == MongoProperties.Backend.FILE) {
            Path directory = app.dataDir().resolve("mongo").toAbsolutePath();
            Files.createDirectories(directory);
            backend = new H2Backend(directory.resolve("readmodels.mv").toString());
        } else {
            backend = new EmbeddedMemoryBackend();
        }
        MongoServer server = new MongoServer(backend);
        server.bind("localhost", properties.embedded().port());
        log.info(
                "embedded MongoDB wire server ({} backend) listening on port {}",
                properties.embedded().backend().name().toLowerCase(java.util.Locale.ROOT),
                server.getLocalAddress().getPort());
        return server;
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(@Value("${spring.data.mongodb.uri:}") String uri, ObjectProvider<MongoServer> embedded) {
        if (!uri.isBlank()) {
            return MongoClients.create(uri);
        }
        return MongoClients.create(
                "mongodb://localhost:" + embedded.getObject().getLocalAddress().getPort());
    }

    /** Whether the read models fit in the heap: said at start, and by health ({@code readModelMemory}). */
    @Bean
    ReadModelMemory readModelMemory(
            @Value("${spring.data.mongodb.uri:}") String uri, MongoProperties properties, EventStore events) {
        String backend =
                uri.isBlank() ? properties.embedded().backend().name().toLowerCase(java.util.Locale.ROOT) : "external";
        return new ReadModelMemory(
                        backend,
                        properties.embedded().heapPerMillionEvents(),
                        Runtime.getRuntime().maxMemory(),
                        () -> {
                            TrackingToken head = events.createHeadToken();
                            return head == null ? 0 : head.position().orElse(0);
                        })
                .checkAtStart();
    }

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.database());
    }
}
