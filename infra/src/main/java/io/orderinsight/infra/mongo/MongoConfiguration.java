package io.orderinsight.infra.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
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
 * in-process (mongo-java-server, memory backend), which the official driver talks to like any other. With the memory
 * backend the read models and their tracking tokens are gone together on a restart and rebuild from the event store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongoProperties.class)
public class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    @Bean(destroyMethod = "shutdownNow")
    @ConditionalOnExpression("'${spring.data.mongodb.uri:}'.isEmpty()")
    MongoServer embeddedMongoServer(MongoProperties properties) {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("localhost", properties.embedded().port());
        log.info(
                "embedded MongoDB wire server (memory backend) listening on port {}",
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

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.database());
    }
}
