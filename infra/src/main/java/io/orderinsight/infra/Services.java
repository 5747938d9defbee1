package io.orderinsight.infra;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.orderinsight.infra.kafka.EmbeddedKafka;
import io.orderinsight.infra.kafka.EmbeddedKafkaCluster;
import io.orderinsight.infra.postgres.EmbeddedPostgresConfiguration;
import io.orderinsight.infra.postgres.PostgresSites;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code services}: the embedded engines in a process of their own — PostgreSQL, the MongoDB wire server on its file
 * backend, and a Kafka broker — so that app nodes can share them and be stopped or killed on their own. Prints the
 * arguments that point an app node at them; stops cleanly on SIGTERM or Ctrl-C. Lines on standard input stop and start
 * the MongoDB server and the Kafka broker on their ports and data ({@code stop mongo}, {@code start mongo},
 * {@code stop kafka}, {@code start kafka}), for outage drills. With {@code --standby-port} the event store runs on
 * two sites, a primary and its synchronous standby ({@link PostgresSites}), whose commands ({@code kill primary},
 * {@code promote standby}, {@code rejoin}, {@code switchover}, {@code kill standby}, {@code stop standby},
 * {@code start standby}) are read the same way; a primary silent for {@code --failover-after} seconds (5; 0: never) is
 * failed over to the standby, and a standby gone as long is waited for or, with {@code --standby-lost=continue}, done
 * without. With {@code --kafka-standby-port} Kafka runs on two sites too ({@link EmbeddedKafkaCluster}: a broker per site
 * and a tiebreaking controller, a replica of every topic on each site), and {@code stop kafka-a} / {@code start
 * kafka-a} (or {@code -b}) stop and start one site's broker.
 *
 * <pre>
 * services [--data-dir=./services-data] [--postgres-port=5433] [--standby-port=N] [--failover-after=5]
 *     [--standby-lost=wait|continue] [--mongo-port=27017] [--kafka-port=9092] [--kafka-standby-port=N]
 * </pre>
 */
public final class Services {

    private Services() {}

    /**
     * The MongoDB wire server and the Kafka broker, each of which can be stopped and started again on the same port and
     * data for outage drills (PostgreSQL stays up: it is the system of record).
     */
    private static final class Engines {

        private final Path mongoFile;
        private final Path kafkaDirectory;
        private Integer kafkaStandbyPort;
        private int mongoPort;
        private int kafkaPort;
        private String kafkaBootstrap;
        private MongoServer mongo;
        private EmbeddedKafka kafka;
        private EmbeddedKafkaCluster kafkaSites;

        /** @param kafkaStandbyPort the second site's broker port (0: any), or null for one broker */
        Engines(Path mongoFile, int mongoPort, Path kafkaDirectory, int kafkaPort, Integer kafkaStandbyPort) {
            this.mongoFile = mongoFile;
            this.mongoPort = mongoPort;
            this.kafkaDirectory = kafkaDirectory;
            this.kafkaPort = kafkaPort;
            this.kafkaStandbyPort = kafkaStandbyPort;
        }

        synchronized String control(String command) {
            return switch (command) {
                case "stop mongo" -> stopMongo() ? "mongo stopped" : "mongo was not running";
                case "start mongo" -> startMongo() ? "mongo started on " + mongoPort : "mongo was running";
                case "stop kafka" -> stopKafka() ? "kafka stopped" : "kafka was not running";
                case "start kafka" -> startKafka() ? "kafka started on " + kafkaBootstrap : "kafka was running";
                case "stop kafka-a", "stop kafka-b" ->
                    kafkaSites == null
                            ? "kafka runs on one site"
                            : kafkaSites.stop(command.substring(command.length() - 1))
                                    ? command.substring(5) + " stopped"
                                    : command.substring(5) + " was not running";
                case "start kafka-a", "start kafka-b" ->
                    kafkaSites == null
                            ? "kafka runs on one site"
                            : kafkaSites.start(command.substring(command.length() - 1))
                                    ? command.substring(6) + " started"
                                    : command.substring(6) + " was running";
                default ->
                    "unknown command '" + command + "'; stop mongo | start mongo | stop kafka | start kafka"
                            + (kafkaSites == null
                                    ? ""
                                    : " | stop kafka-a | start kafka-a | stop kafka-b | start kafka-b");
            };
        }

        synchronized boolean startMongo() {
            if (mongo != null) {
                return false;
            }
            mongo = new MongoServer(new H2Backend(mongoFile.toAbsolutePath().toString()));
            mongo.bind("localhost", mongoPort);
            mongoPort = mongo.getLocalAddress().getPort();
            return true;
        }

        synchronized boolean stopMongo() {
            if (mongo == null) {
                return false;
            }
            mongo.shutdownNow();
            mongo = null;
            return true;
        }

        synchronized boolean startKafka() {
            if (kafka != null || kafkaSites != null) {
                return false;
            }
            if (kafkaStandbyPort != null) {
                kafkaSites = EmbeddedKafkaCluster.start(kafkaDirectory, kafkaPort, kafkaStandbyPort);
                kafkaBootstrap = kafkaSites.bootstrapServers();
                // ports asked as 0 are kept, so that a restart of the cluster (stop kafka, start kafka) keeps them
                kafkaPort = kafkaSites.port("a");
                kafkaStandbyPort = kafkaSites.port("b");
                return true;
            }
            kafka = new EmbeddedKafka(kafkaDirectory, kafkaPort).start();
            kafkaPort = kafka.port();
            kafkaBootstrap = kafka.bootstrapServers();
            return true;
        }

        synchronized boolean stopKafka() {
            if (kafkaSites != null) {
                kafkaSites.close();
                kafkaSites = null;
                return true;
            }
            if (kafka == null) {
                return false;
            }
            kafka.close();
            kafka = null;
            return true;
        }

        /** What app nodes need beyond the addresses: a replica of every topic on each site when Kafka has two. */
        String kafkaArguments() {
            return kafkaStandbyPort == null ? "" : " --orderinsight.kafka.replicas=" + EmbeddedKafkaCluster.REPLICAS;
        }
    }

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
        Integer standbyPort = null;
        Integer kafkaStandbyPort = null;
        int failoverAfter;
        PostgresSites.StandbyLost standbyLost;
        try {
            if (options.containsKey("standby-port")) {
                standbyPort = Integer.parseInt(options.get("standby-port"));
            }
            if (options.containsKey("kafka-standby-port")) {
                kafkaStandbyPort = Integer.parseInt(options.get("kafka-standby-port"));
            }
            failoverAfter = Integer.parseInt(options.getOrDefault("failover-after", "5"));
            standbyLost = PostgresSites.StandbyLost.valueOf(
                    options.getOrDefault("standby-lost", "wait").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            out.println("services: ports and --failover-after are numbers, --standby-lost is wait or continue");
            return 2;
        }
        try {
            PostgresSites sites = standbyPort == null ? null : PostgresSites.start(data, postgresPort, standbyPort);
            if (sites != null && failoverAfter > 0) {
                sites.watch(Duration.ofSeconds(failoverAfter), standbyLost);
            }
            EmbeddedPostgres postgres =
                    sites == null ? EmbeddedPostgresConfiguration.start(data.resolve("postgres"), postgresPort) : null;
            String jdbcUrl = sites == null ? postgres.getJdbcUrl("postgres", "postgres") : sites.jdbcUrl();
            Files.createDirectories(data.resolve("mongo"));
            Engines engines = new Engines(
                    data.resolve("mongo").resolve("readmodels.mv"),
                    mongoPort,
                    data.resolve("kafka"),
                    kafkaPort,
                    kafkaStandbyPort);
            engines.startMongo();
            engines.startKafka();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                engines.stopKafka();
                engines.stopMongo();
                try {
                    if (sites != null) {
                        sites.close();
                    } else {
                        postgres.close();
                    }
                } catch (IOException e) {
                    System.err.println("PostgreSQL did not stop cleanly: " + e);
                }
                stopped.countDown();
            }));
            out.println("services running, data in " + data.toAbsolutePath() + "; start app nodes with:");
            out.println("  --spring.datasource.url=" + jdbcUrl
                    + " --spring.datasource.username=postgres"
                    + " --spring.data.mongodb.uri=mongodb://localhost:"
                    + engines.mongoPort
                    + " --spring.kafka.bootstrap-servers=" + engines.kafkaBootstrap
                    + engines.kafkaArguments());
            out.println("commands on standard input: stop mongo | start mongo | stop kafka | start kafka"
                    + (kafkaStandbyPort == null ? "" : " | stop kafka-a | start kafka-a | stop kafka-b | start kafka-b")
                    + (sites == null ? "" : " | " + String.join(" | ", PostgresSites.COMMANDS)));
            out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                if (!line.isBlank()) {
                    String command = line.trim();
                    String answer;
                    try {
                        answer = sites != null && PostgresSites.COMMANDS.contains(command)
                                ? sites.control(command)
                                : engines.control(command);
                    } catch (IOException | RuntimeException e) {
                        answer = command + " failed: " + e.getMessage();
                    }
                    out.println(answer);
                    out.flush();
                }
            }
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
