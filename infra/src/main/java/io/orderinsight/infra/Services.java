package io.orderinsight.infra;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.orderinsight.infra.kafka.EmbeddedKafka;
import io.orderinsight.infra.postgres.EmbeddedPostgresConfiguration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code services}: the embedded engines in a process of their own — PostgreSQL, the MongoDB wire server on its file
 * backend, and a Kafka broker — so that app nodes can share them and be stopped or killed on their own. Prints the
 * arguments that point an app node at them; stops cleanly on SIGTERM or Ctrl-C.
 *
 * <pre>
 * services [--data-dir=./services-data] [--postgres-port=5433] [--mongo-port=27017] [--kafka-port=9092]
 * </pre>
 */
public final class Services {

    private Services() {}

    public static int run(String[] args, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                out.println("services: unexpected argument " + arg);
                return 2;
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Path data = Path.of(options.getOrDefault("data-dir", "./services-data"));
        int postgresPort;
        int mongoPort;
        int kafkaPort;
        try {
            postgresPort = Integer.parseInt(options.getOrDefault("postgres-port", "5433"));
            mongoPort = Integer.parseInt(options.getOrDefault("mongo-port", "27017"));
            kafkaPort = Integer.parseInt(options.getOrDefault("kafka-port", "9092"));
        } catch (NumberFormatException e) {
            out.println("services: ports are numbers");
            return 2;
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgresConfiguration.start(data.resolve("postgres"), postgresPort);
            Files.createDirectories(data.resolve("mongo"));
            MongoServer mongo = new MongoServer(new H2Backend(data.resolve("mongo")
                    .resolve("readmodels.mv")
                    .toAbsolutePath()
                    .toString()));
            mongo.bind("localhost", mongoPort);
            EmbeddedKafka kafka = new EmbeddedKafka(data.resolve("kafka"), kafkaPort).start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                mongo.shutdownNow();
                try {
                    postgres.close();
                } catch (IOException e) {
                    System.err.println("PostgreSQL did not stop cleanly: " + e);
                }
                stopped.countDown();
            }));
            out.println("services running, data in " + data.toAbsolutePath() + "; start app nodes with:");
            out.println("  --spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres")
                    + " --spring.datasource.username=postgres"
                    + " --spring.data.mongodb.uri=mongodb://localhost:"
                    + mongo.getLocalAddress().getPort()
                    + " --spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
            out.flush();
            stopped.await();
            return 0;
        } catch (IOException e) {
            out.println("services: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
