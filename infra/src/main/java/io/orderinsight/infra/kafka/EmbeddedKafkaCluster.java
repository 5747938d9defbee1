package io.orderinsight.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;

/**
 * Kafka on two sites in this process, for the {@code services} command's standby site: a broker per site (each also a
 * KRaft controller) and a controller of its own as the tiebreaker, so that the quorum (two of three) survives the loss
 * of either site. Topics get a replica on each broker ({@link #REPLICAS}) with one in-sync replica enough
 * ({@code min.insync.replicas=1}): a site lost, the other's replicas lead and producers and consumers go on; what the
 * application publishes is acknowledged by every replica in sync at that moment. Each node keeps its log under
 * {@code <directory>/<node>}; the cluster's id is kept in {@code <directory>/cluster.id}.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    /** Replicas of every topic: one per site. */
    public static final int REPLICAS = 2;

    private final Node[] nodes;

    private static final class Node {
        final String name;
        final Path directory;
        final int port;
        final EmbeddedKafka.Cluster role;
        EmbeddedKafka server;

        Node(String name, Path directory, int port, EmbeddedKafka.Cluster role) {
            this.name = name;
            this.directory = directory;
            this.port = port;
            this.role = role;
        }

        synchronized boolean start() {
            if (server != null) {
                return false;
            }
            server = new EmbeddedKafka(directory, port, role).start();
            return true;
        }

        synchronized boolean stop() {
            if (server == null) {
                return false;
            }
            server.close();
            server = null;
            return true;
        }
    }

    private EmbeddedKafkaCluster(Node[] nodes) {
        this.nodes = nodes;
    }

    /** The brokers of sites a and b on {@code portA} and {@code portB} (0: any), and the tiebreaker; all started. */
    public static EmbeddedKafkaCluster start(Path directory, int portA, int portB) {
        try {
            Files.createDirectories(directory);
            Path idFile = directory.resolve("cluster.id");
            if (!Files.exists(idFile)) {
                Files.writeString(idFile, Uuid.randomUuid().toString());
            }
            String clusterId = Files.readString(idFile).strip();
            int[] controllers = {EmbeddedKafka.freePort(), EmbeddedKafka.freePort(), EmbeddedKafka.freePort()};
            String voters = "1@localhost:" + controllers[0] + ",2@localhost:" + controllers[1] + ",3@localhost:"
                    + controllers[2];
            int a = portA == 0 ? EmbeddedKafka.freePort() : portA;
            int b = portB == 0 ? EmbeddedKafka.freePort() : portB;
            Node[] nodes = {
                new Node(
                        "a",
                        directory.resolve("site-a"),
                        a,
                        new EmbeddedKafka.Cluster(1, true, voters, controllers[0], clusterId, REPLICAS)),
                new Node(
                        "b",
                        directory.resolve("site-b"),
                        b,
                        new EmbeddedKafka.Cluster(2, true, voters, controllers[1], clusterId, REPLICAS)),
                new Node(
                        "tiebreaker",
                        directory.resolve("tiebreaker"),
                        0,
                        new EmbeddedKafka.Cluster(3, false, voters, controllers[2], clusterId, REPLICAS))
            };
            // a node's start waits for the quorum: all of them at once
            List<CompletableFuture<Boolean>> starting = new ArrayList<>();
            for (Node node : nodes) {
                starting.add(CompletableFuture.supplyAsync(node::start));
            }
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
            return new EmbeddedKafkaCluster(nodes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both sites' brokers, for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + nodes[0].port + ",localhost:" + nodes[1].port;
    }

    /** The port of site {@code a}'s or {@code b}'s broker. */
    public int port(String site) {
        return node(site).port;
    }

    /** Stops site {@code a}'s or {@code b}'s broker (and its controller); false if it was not running. */
    public boolean stop(String site) {
        return node(site).stop();
    }

    /** Starts site {@code a}'s or {@code b}'s broker again on its port and log; false if it was running. */
    public boolean start(String site) {
        return node(site).start();
    }

    private Node node(String site) {
        for (Node node : nodes) {
            if (node.name.equals(site)) {
                return node;
            }
        }
        throw new IllegalArgumentException("no Kafka site " + site + "; a or b");
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            node.stop();
        }
    }
}
