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
    private final Cluster cluster;
    private KafkaRaftServer server;

    /**
     * How this node takes part in a cluster of several in one process ({@link EmbeddedKafkaCluster}): its id, whether
     * it also serves clients (a broker) or only votes (a controller), the quorum's voters, its controller port, the
     * cluster's id, and the replication its topics get.
     */
    record Cluster(int nodeId, boolean broker, String voters, int controllerPort, String clusterId, int replicas) {}

    public EmbeddedKafka(Path directory, int port) {
        this(directory, port, null);
    }

    EmbeddedKafka(Path directory, int port, Cluster cluster) {
        this.directory = directory.toAbsolutePath();
        this.port = port == 0 ? freePort() : port;
        this.cluster = cluster;
    }

    public EmbeddedKafka start() {
        try {
            Files.createDirectories(directory);
            int controllerPort;
            if (cluster != null) {
                controllerPort = cluster.controllerPort();
            } else {
                // the system may hand out the broker's port again once its probe closed: the listeners need two
                controllerPort = freePort();
                while (controllerPort == port) {
                    controllerPort = freePort();
                }
            }
            int nodeId = cluster == null ? 1 : cluster.nodeId();
            boolean broker = cluster == null || cluster.broker();
            int replicas = cluster == null ? 1 : cluster.replicas();
            Map<String, Object> settings = new HashMap<>();
            settings.put("process.roles", broker ? "broker,controller" : "controller");
            settings.put("node.id", Integer.toString(nodeId));
            settings.put(
                    "controller.quorum.voters", cluster == null ? "1@localhost:" + controllerPort : cluster.voters());
            settings.put(
                    "listeners",
                    broker
                            ? "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort
                            : "CONTROLLER://localhost:" + controllerPort);
            if (broker) {
                settings.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
                settings.put("inter.broker.listener.name", "PLAINTEXT");
            }
            settings.put("controller.listener.names", "CONTROLLER");
            settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            settings.put("log.dirs", directory.toString());
            settings.put("offsets.topic.replication.factor", Integer.toString(replicas));
            settings.put("offsets.topic.num.partitions", "4");
            settings.put("transaction.state.log.replication.factor", Integer.toString(replicas));
            settings.put("transaction.state.log.min.isr", "1");
            settings.put("default.replication.factor", Integer.toString(replicas));
            // a record acknowledged by all in-sync replicas; a site lost leaves the other's replica leading
            settings.put("min.insync.replicas", "1");
            settings.put("replica.lag.time.max.ms", "10000");
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
                        .setClusterId(cluster == null ? Uuid.randomUuid().toString() : cluster.clusterId())
                        .setNodeId(nodeId)
                        .setControllerListenerName("CONTROLLER")
                        .setMetadataLogDirectory(directory.toString())
                        .setDirectories(List.of(directory.toString()))
                        .setReleaseVersion(MetadataVersion.latestProduction())
                        .run();
            }
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            log.info(
                    "embedded Kafka {} (KRaft node {}) listening on port {}, log in {}",
                    broker ? "broker" : "controller",
                    nodeId,
                    broker ? port : controllerPort,
                    directory);
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

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
