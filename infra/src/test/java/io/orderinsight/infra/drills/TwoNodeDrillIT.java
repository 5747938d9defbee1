package io.orderinsight.infra.drills;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.ServerSentEvents;
import io.orderinsight.projections.support.ProjectionNames;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two app nodes as real processes sharing the {@code services} process: each projection's segments are split between
 * them, the insight counters' included, and under load both nodes move the counters on; a live-stream client of one
 * node sees an order placed through the other; under load on both, one node is killed and the other takes over every
 * segment; afterwards every acknowledged command is stored, every read model equals a fresh rebuild and the counters
 * equal the event store — no event was applied twice.
 */
class TwoNodeDrillIT {

    /** The projections, with four segments each. */
    private static final List<String> SPLIT = List.of(ProjectionNames.VIEWS, ProjectionNames.INSIGHT);

    @TempDir
    Path directory;

    @Test
    void segmentsSplitStreamsCrossNodesAndTheSurvivorTakesOverWithoutApplyingAnythingTwice() throws Exception {
        Processes.Services services = Processes.services(directory);
        try {
            int portA = Processes.freePort();
            int portB = Processes.freePort();
            Process nodeA = Processes.node(directory, services, portA, "node-a");
            Processes.awaitHealthy(portA, nodeA);
            Process nodeB = Processes.node(directory, services, portB, "node-b");
            Processes.awaitHealthy(portB, nodeB);
            Api a = new Api(portA);
            Api b = new Api(portB);

            // the first node took every segment; the balancer hands half of each projection's to the second
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (String projection : SPLIT) {
                    int onA = segments(a, projection);
                    int onB = segments(b, projection);
                    assertThat(onA).as(projection + " on node A").isEqualTo(2);
                    assertThat(onB).as(projection + " on node B").isEqualTo(2);
                }
            });

            // a stream client of node B sees an order placed through node A
            ServerSentEvents.OrdersSeen seen = ServerSentEvents.ordersAround(
                    b.port(),
                    () -> assertThat(a.post("/api/v1/orders", placeOrder("tn-streamed", "c-tn", "USD", 1_000, 1))
                                    .status())
                            .isEqualTo(201));
            assertThat(seen.after()).isEqualTo(seen.before() + 1);

            // load through both nodes: each node's counter segments move on; node A is killed in the middle of it
            long countersOnA = insightPosition(a);
            long countersOnB = insightPosition(b);
            Drill.Load load = Drill.Load.start("tn", 2, a, b);
            Thread.sleep(8_000);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(insightPosition(a)).as("counters on node A").isGreaterThan(countersOnA);
                assertThat(insightPosition(b)).as("counters on node B").isGreaterThan(countersOnB);
            });
            Processes.kill(nodeA);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (String projection : SPLIT) {
                    assertThat(segments(b, projection))
                            .as(projection + " on the survivor")
                            .isEqualTo(4);
                }
            });
            Thread.sleep(5_000);
            load.stop();
            assertThat(load.acknowledged).hasSizeGreaterThan(50);
            assertThat(b.post("/api/v1/orders", placeOrder("tn-after", "c-tn", "USD", 1_000, 1))
                            .status())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> b.get("/api/v1/orders/tn-after").status() == 200);

            try (Connection store = Drill.eventStore(services)) {
                Drill.assertStored(store, load.acknowledged);
                Drill.assertNoDrift(b);
                Drill.assertCountersEqualTheEventStore(b, store);
                System.out.printf(
                        "two-node drill: segments split 2/2 (counters too, both nodes moving them on), stream crossed nodes, %d commands acknowledged through"
                                + " both nodes, node A killed, node B took over every segment, read models equal a"
                                + " fresh rebuild, counters equal the event store%n",
                        load.acknowledged.size());
            }
            Processes.kill(nodeB);
        } finally {
            services.process().destroy();
            services.process().waitFor();
        }
    }

    /** The lowest position of the insight counters' segments this node holds. */
    private static long insightPosition(Api api) {
        JsonNode items = api.get("/api/v1/admin/processors").json().path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(item -> item.path("name").asText().equals(ProjectionNames.INSIGHT))
                .findFirst()
                .orElseThrow()
                .path("position")
                .asLong();
    }

    private static int segments(Api api, String projection) {
        JsonNode items = api.get("/api/v1/admin/projections").json().path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(item -> item.path("name").asText().equals(projection))
                .findFirst()
                .orElseThrow()
                .path("segments")
                .asInt();
    }
}
