package io.orderinsight.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, one node) running in this process, its log
 * under {@code <data-dir>/kafka} so records survive restarts. Started for the default run, where no external cluster
 * is configured.
 */
public class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final int port;
    private final Path directory;
    private KafkaRaftServer server;

    public EmbeddedKafka(Path directory, int port) {
        this.directory = directory.toAbsolutePath();
        this.port = port == 0 ? freePort() : port;
    }

    public EmbeddedKafka start() {
        try {
            Files.createDirectories(directory);
            // the system may hand out the broker's port again once its probe closed: the listeners need two
            int controllerPort = freePort();
            while (controllerPort == port) {
                controllerPort = freePort();
            }
            Map<String, Object> settings = new HashMap<>();
            settings.put("process.roles", "broker,controller");
            settings.put("node.id", "1");
            settings.put("controller.quorum.voters", "1@localhost:" + controllerPort);
            settings.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
            settings.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
            settings.put("controller.listener.names", "CONTROLLER");
            settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            settings.put("inter.broker.listener.name", "PLAINTEXT");
            settings.put("log.dirs", directory.toString());
            settings.put("offsets.topic.replication.factor", "1");
            settings.put("offsets.topic.num.partitions", "4");
            settings.put("transaction.state.log.replication.factor", "1");
            settings.put("transaction.state.log.min.isr", "1");
            settings.put("group.initial.rebalance.delay.ms", "0");
            settings.put("auto.create.topics.enable", "false");
            settings.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
            // after a kill -9 the controller fences the broker's previous incarnation only once its session expired:
            // the broker lives in this process, so a short session makes a restart wait 3 s, not 9
            settings.put("broker.session.timeout.ms", "3000");
            settings.put("broker.heartbeat.interval.ms", "500");
            KafkaConfig config = new KafkaConfig(settings, false);
            if (!Files.exists(directory.resolve("meta.properties"))) {
                // a new log directory: formatted once, then reused as it is on every later start
                new Formatter()
                        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                        .setClusterId(Uuid.randomUuid().toString())
                        .setNodeId(1)
                        .setControllerListenerName("CONTROLLER")
                        .setMetadataLogDirectory(directory.toString())
                        .setDirectories(List.of(directory.toString()))
                        .setReleaseVersion(MetadataVersion.latestProduction())
                        .run();
            }
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            log.info("embedded Kafka broker (KRaft) listening on port {}, log in {}", port, directory);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka broker did not start: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
