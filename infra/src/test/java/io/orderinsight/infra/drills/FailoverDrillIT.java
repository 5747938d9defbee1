package io.orderinsight.infra.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Losing the primary site: the {@code services} process runs the event store on two sites (a primary and its
 * synchronous standby) and a Kafka broker on each (a replica of every topic on both); node A (site A, the services'
 * MongoDB) and node B (site B, read models of its own) both reach the event store through the multi-host URL. Three
 * clients send commands with idempotency keys through node A; node A and the primary PostgreSQL are killed with SIGKILL
 * and site A's broker is stopped; the clients go on through node B, which answers 503 READ_ONLY until the services,
 * which watch the primary, promote the standby (after 5 s of silence), and then accepts. Every acknowledged command is
 * stored (RPO 0), none twice; node B's read models equal a fresh rebuild; the hash chain verifies across the failover;
 * every event is published. Then the lost site rejoins as the new standby, and when that standby is killed, commands
 * are refused (READ_ONLY, the RPO 0 policy) until it is back. Reports the time from the kill to the first accepted
 * command.
 */
class FailoverDrillIT {

    private static final int CLIENTS = 3;

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedCommandSurvivesTheLossOfThePrimarySite() throws Exception {
        Processes.Services services = Processes.servicesWithStandby(directory);
        Process nodeA = null;
        Process nodeB = null;
        try {
            int portA = Processes.freePort();
            int portB = Processes.freePort();
            nodeA = Processes.node(directory, services, portA, "site-a");
            nodeB = Processes.siteNode(directory, services, portB, "site-b");
            Processes.awaitHealthy(portA, nodeA);
            Processes.awaitHealthy(portB, nodeB);
            Api apiA = new Api(portA);
            Api apiB = new Api(portB);
            AtomicReference<Api> route = new AtomicReference<>(apiA);
            Drill.Load load = Drill.Load.routed("fd", CLIENTS, route::get);
            Thread.sleep(6_000);

            Instant killed = Instant.now();
            Processes.kill(nodeA);
            services.control("kill primary", "primary killed");
            services.control("stop kafka-a", "kafka-a stopped");
            route.set(apiB);
            Instant down = Instant.now();
            // the services fail over by themselves once the primary has been silent for --failover-after (5 s)
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> load.acknowledged.stream()
                            .anyMatch(command -> command.at().isAfter(down)));
            Thread.sleep(5_000);
            load.stop();

            // (a command node A answered just before it died may be counted a moment after the kill began)
            Instant firstAccepted = load.acknowledged.stream()
                    .map(Drill.Acknowledged::at)
                    .filter(at -> at.isAfter(down))
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            long readOnly = load.answered(503);
            assertThat(load.acknowledged.stream().filter(command -> command.at().isBefore(killed)))
                    .as("commands acknowledged through site A before the kill")
                    .hasSizeGreaterThan(10);
            assertThat(load.refusals().keySet())
                    .as("answers other than 200/201 while the primary was gone: none but no answer (node A dead) "
                            + "and 503 READ_ONLY")
                    .isSubsetOf(Set.of(0, 503));

            try (Connection store = Drill.eventStore(services)) {
                Drill.assertStored(store, load.acknowledged);
                long storedEvents = Drill.count(store);
                for (Drill.Acknowledged command :
                        load.acknowledged.subList(0, Math.min(30, load.acknowledged.size()))) {
                    Reply again = apiB.post(
                            command.path(), command.body(), Map.of("Idempotency-Key", command.idempotencyKey()));
                    assertThat(again.status()).as(again.body()).isBetween(200, 201);
                    assertThat(again.json().path("version").asLong()).isEqualTo(command.version());
                }
                assertThat(Drill.count(store))
                        .as("nothing stored by the retries")
                        .isEqualTo(storedEvents);

                Drill.assertNoDrift(apiB);
                Drill.assertCountersEqualTheEventStore(apiB, store);
                long events = Drill.count(store);
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                    JsonNode verification =
                            apiB.get("/api/v1/audit/verification").json();
                    assertThat(verification.path("verified").asBoolean())
                            .as(verification.toString())
                            .isTrue();
                    assertThat(verification.path("headChainSeq").asLong() + 1).isEqualTo(events);
                });
                Set<String> published = Drill.awaitPublished(services, store, "fd", "failover-drill");

                services.control("rejoin", "standby started");
                services.control("start kafka-a", "kafka-a started");
                services.control("kill standby", "standby killed");
                await().atMost(Duration.ofSeconds(30)).until(apiB::commands, "READ_ONLY"::equals);
                Reply held = apiB.post("/api/v1/orders", Commands.placeOrder("fd-held", "c-fd", "USD", 1_000, 1));
                assertThat(held.status()).as(held.body()).isEqualTo(503);
                assertThat(held.code()).isEqualTo("READ_ONLY");
                assertThat(held.json().path("detail").asText()).contains("synchronous standby");
                services.control("start standby", "standby started");
                await().atMost(Duration.ofSeconds(30)).until(apiB::commands, "ACCEPTED"::equals);
                assertThat(apiB.post("/api/v1/orders", Commands.placeOrder("fd-held", "c-fd", "USD", 1_000, 1))
                                .status())
                        .isEqualTo(201);

                System.out.printf(
                        "failover drill: %d commands acknowledged, all stored (RPO 0), none twice; the standby "
                                + "promoted by the services' watch; first command accepted %d ms after the kill; %d "
                                + "answered 503 READ_ONLY meanwhile; read models equal a fresh rebuild; the chain "
                                + "verifies over %d events; all %d events published; with the synchronous standby "
                                + "killed, commands were refused READ_ONLY until it was back%n",
                        load.acknowledged.size(),
                        Duration.between(killed, firstAccepted).toMillis(),
                        readOnly,
                        events,
                        published.size());
            }
        } finally {
            Optional.ofNullable(nodeA).ifPresent(Process::destroyForcibly);
            Optional.ofNullable(nodeB).ifPresent(Process::destroyForcibly);
            services.process().destroy();
            services.process().waitFor();
        }
    }

    /**
     * The other policy for a lost synchronous standby: with {@code --standby-lost=continue} the services let commits go
     * on without it once it has been gone for the grace ({@code --failover-after}), with an ALERT in their log (RPO >
     * 0 meanwhile): commands are accepted without the standby, and once it is back and streaming, commits wait for it
     * again. Then a planned switchover: the node follows the new primary by itself, and every order placed is stored.
     */
    @Test
    void withTheContinuePolicyCommandsGoOnWithoutALostStandby() throws Exception {
        Processes.Services services =
                Processes.servicesWithStandby(directory, "--standby-lost=continue", "--failover-after=3");
        Process node = null;
        try {
            int port = Processes.freePort();
            node = Processes.node(directory, services, port, "continue");
            Processes.awaitHealthy(port, node);
            Api api = new Api(port);
            assertThat(api.post("/api/v1/orders", Commands.placeOrder("fc-1", "c-fc", "USD", 1_000, 1))
                            .status())
                    .isEqualTo(201);

            services.control("kill standby", "standby killed");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(services.log()).contains("ALERT: the synchronous standby"));
            await().atMost(Duration.ofSeconds(30)).until(api::commands, "ACCEPTED"::equals);
            assertThat(api.post("/api/v1/orders", Commands.placeOrder("fc-2", "c-fc", "USD", 1_000, 1))
                            .status())
                    .as("accepted without the standby (RPO > 0, said in the services' log)")
                    .isEqualTo(201);

            services.control("start standby", "standby started");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(services.log()).contains("commits wait for it (RPO 0)"));
            assertThat(api.post("/api/v1/orders", Commands.placeOrder("fc-3", "c-fc", "USD", 1_000, 1))
                            .status())
                    .isEqualTo(201);

            // a planned switchover: site B becomes the primary, site A its standby; the node follows by itself
            services.control("switchover", "switched over");
            await().atMost(Duration.ofSeconds(60)).until(api::commands, "ACCEPTED"::equals);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> api.post(
                                            "/api/v1/orders",
                                            Commands.placeOrder("fc-4", "c-fc", "USD", 1_000, 1),
                                            Map.of("Idempotency-Key", "fc-4"))
                                    .status()
                            == 201);
            try (Connection store = Drill.eventStore(services)) {
                for (String order : List.of("fc-1", "fc-2", "fc-3", "fc-4")) {
                    assertThat(Drill.storedVersion(store, order)).as(order).isEqualTo(1);
                }
            }
        } finally {
            Optional.ofNullable(node).ifPresent(Process::destroyForcibly);
            services.process().destroy();
            services.process().waitFor();
        }
    }
}
