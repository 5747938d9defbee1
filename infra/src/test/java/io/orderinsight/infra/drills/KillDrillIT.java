package io.orderinsight.infra.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.Api.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the app under load, five times, against the {@code services} process that keeps the data: every
 * acknowledged command has its events; after the last restart every read model equals a fresh rebuild (the drift
 * check, document by document); idempotency keys are still honoured; Kafka publication resumed without a gap.
 */
class KillDrillIT {

    private static final int KILLS = 5;
    private static final int CLIENTS = 3;

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedCommandSurvivesFiveKillsAndTheReadModelsEqualAFreshRebuild() throws Exception {
        Processes.Services services = Processes.services(directory);
        List<Drill.Acknowledged> acknowledged = new ArrayList<>();
        try {
            int port = Processes.freePort();
            Process node = Processes.node(directory, services, port, "node");
            Processes.awaitHealthy(port, node);
            Api api = new Api(port);
            for (int round = 0; round < KILLS; round++) {
                Drill.Load load = Drill.Load.start("kd" + round, CLIENTS, api);
                Thread.sleep(3_000);
                Processes.kill(node); // while the clients are still sending
                load.stop();
                acknowledged.addAll(load.acknowledged);
                node = Processes.node(directory, services, port, "node");
                Processes.awaitHealthy(port, node);
            }
            assertThat(acknowledged).hasSizeGreaterThan(KILLS * 10);

            try (Connection store = Drill.eventStore(services)) {
                Drill.assertStored(store, acknowledged);
                // idempotency keys still honoured: the same answer, nothing stored again
                long storedEvents = Drill.count(store);
                for (Drill.Acknowledged command : acknowledged.subList(0, Math.min(30, acknowledged.size()))) {
                    Reply again = api.post(
                            command.path(), command.body(), Map.of("Idempotency-Key", command.idempotencyKey()));
                    assertThat(again.status()).as(again.body()).isBetween(200, 201);
                    assertThat(again.json().path("version").asLong()).isEqualTo(command.version());
                }
                assertThat(Drill.count(store)).isEqualTo(storedEvents);

                Drill.assertNoDrift(api);
                Drill.assertCountersEqualTheEventStore(api, store);
                // Kafka publication resumed without a gap: every stored event of the drill is on the topic
                Set<String> published = Drill.awaitPublished(services, store, "kd", "kill-drill");
                System.out.printf(
                        "kill drill: %d kills, %d acknowledged commands, all stored, read models equal a fresh"
                                + " rebuild, all %d events published%n",
                        KILLS, acknowledged.size(), published.size());
            }
            Processes.kill(node);
        } finally {
            services.process().destroy();
            services.process().waitFor();
        }
    }

    /**
     * kill -9 of a node on its own embedded engines leaves its PostgreSQL running; the next start stops it (the log
     * says so, nothing fails) and comes up with every acknowledged command. Reports the time to healthy.
     */
    @Test
    void aNodeOnItsOwnEnginesStartsCleanlyAfterKill9() throws Exception {
        int port = Processes.freePort();
        int postgresPort = Processes.freePort();
        long started = System.nanoTime();
        Process node = Processes.standalone(directory, port, postgresPort, "alone");
        Processes.awaitHealthy(port, node);
        long firstStartMs = (System.nanoTime() - started) / 1_000_000;
        Api api = new Api(port);
        Drill.Load load = Drill.Load.start("alone", CLIENTS, api);
        Thread.sleep(3_000);
        Processes.kill(node);
        load.stop();
        assertThat(load.acknowledged).isNotEmpty();

        long restarted = System.nanoTime();
        node = Processes.standalone(directory, port, postgresPort, "alone");
        try {
            Processes.awaitHealthy(port, node);
            long toHealthyMs = (System.nanoTime() - restarted) / 1_000_000;

            List<String> log = Files.readAllLines(directory.resolve("alone.log"));
            String stopped = log.stream()
                    .filter(line -> line.contains("stopped the PostgreSQL left running by a killed process"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the leftover PostgreSQL was not stopped: " + log));
            assertThat(log).noneMatch(line -> line.contains(" ERROR "));
            // each acknowledged command is kept: its idempotency key answers it again, stored with its events
            for (Drill.Acknowledged command : load.acknowledged) {
                Reply again =
                        api.post(command.path(), command.body(), Map.of("Idempotency-Key", command.idempotencyKey()));
                assertThat(again.status()).as(again.body()).isBetween(200, 201);
                assertThat(again.json().path("version").asLong()).isEqualTo(command.version());
            }
            System.out.printf(
                    "kill drill (own engines): %d acknowledged commands kept; %s; healthy %d ms after the restart"
                            + " (the first start: %d ms)%n",
                    load.acknowledged.size(),
                    stopped.substring(stopped.indexOf("stopped the PostgreSQL")),
                    toHealthyMs,
                    firstStartMs);
        } finally {
            Processes.kill(node);
        }
    }
}
