package io.orderinsight.infra.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.support.TestKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The application jar run as real processes for the drills: the {@code services} process holding the engines, and app
 * nodes pointed at it that can be killed on their own.
 */
final class Processes {

    static final Path JAR = Path.of("target/order-insight-exec.jar");

    private Processes() {}

    /** The services process, its log, and the arguments that point an app node at it. */
    record Services(Process process, Path log, String nodeArguments) {

        /** Sends {@code command} (e.g. {@code stop mongo}) to the services and waits for its answer {@code answer}. */
        void control(String command, String answer) throws Exception {
            long before = answers(answer);
            process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            Instant patience = Instant.now().plusSeconds(60);
            while (answers(answer) == before) {
                assertThat(Instant.now()).as(command + " (see " + log + ")").isBefore(patience);
                Thread.sleep(100);
            }
        }

        private long answers(String answer) throws IOException {
            try (var lines = Files.lines(log)) {
                return lines.filter(line -> line.startsWith(answer)).count();
            }
        }
    }

    static Services services(Path directory) throws Exception {
        return services(directory, List.of());
    }

    /**
     * The services on two sites: the event store's primary and its synchronous standby, and a Kafka broker per site
     * (with a tiebreaking controller).
     */
    static Services servicesWithStandby(Path directory, String... more) throws Exception {
        List<String> arguments =
                new ArrayList<>(List.of("--standby-port=" + freePort(), "--kafka-standby-port=" + freePort()));
        arguments.addAll(List.of(more));
        return services(directory, arguments);
    }

    private static Services services(Path directory, List<String> more) throws Exception {
        assertThat(JAR).as("the application jar (built by mvn package)").exists();
        Path log = directory.resolve("services.log");
        List<String> arguments = new ArrayList<>(List.of(
                "services",
                "--data-dir=" + directory.resolve("services"),
                "--postgres-port=" + freePort(),
                "--mongo-port=" + freePort(),
                "--kafka-port=" + freePort()));
        arguments.addAll(more);
        Process process = java(arguments, log).start();
        Instant patience = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(patience)) {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            for (int i = 0; i < lines.size() - 1; i++) {
                if (lines.get(i).startsWith("services running")) {
                    return new Services(process, log, lines.get(i + 1).trim());
                }
            }
            assertThat(process.isAlive())
                    .as("services process (see " + log + ")")
                    .isTrue();
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("services did not start; see " + log);
    }

    /** An app node on {@code port}, sharing the services; started, not yet healthy. */
    static Process node(Path directory, Services services, int port, String name) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--orderinsight.data-dir=" + directory.resolve(name),
                "--server.port=" + port,
                "--orderinsight.node-id=" + name,
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(services.nodeArguments().split(" ")));
        arguments.addAll(TestKeys.arguments());
        return java(arguments, directory.resolve(name + ".log")).start();
    }

    /**
     * An app node of another site on {@code port}: the services' event store and Kafka broker, but read models of its
     * own (an embedded MongoDB in the node); started, not yet healthy.
     */
    static Process siteNode(Path directory, Services services, int port, String name) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--orderinsight.data-dir=" + directory.resolve(name),
                "--server.port=" + port,
                "--orderinsight.node-id=" + name,
                "--orderinsight.mongo.embedded.port=0",
                "--logging.level.root=WARN"));
        for (String argument : services.nodeArguments().split(" ")) {
            if (!argument.startsWith("--spring.data.mongodb.uri=")) {
                arguments.add(argument);
            }
        }
        arguments.addAll(TestKeys.arguments());
        return java(arguments, directory.resolve(name + ".log")).start();
    }

    /** An app node on {@code port} on embedded engines of its own, data in {@code directory/name}; not yet healthy. */
    static Process standalone(Path directory, int port, int postgresPort, String name) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--orderinsight.data-dir=" + directory.resolve(name),
                "--server.port=" + port,
                "--orderinsight.node-id=" + name,
                "--orderinsight.postgres.embedded.port=" + postgresPort,
                "--orderinsight.mongo.embedded.port=0",
                "--orderinsight.kafka.embedded.port=0",
                "--logging.level.root=WARN"));
        arguments.addAll(TestKeys.arguments());
        return java(arguments, directory.resolve(name + ".log")).start();
    }

    static void awaitHealthy(int port, Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant patience = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(patience)) {
            assertThat(process.isAlive()).as("app node on " + port).isTrue();
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("app node on " + port + " did not become healthy");
    }

    /** kill -9. */
    static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static ProcessBuilder java(List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx768m");
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    }
}
