package io.orderinsight.infra.generations;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import de.bwaldvogel.mongo.MongoServer;
import io.orderinsight.infra.kafka.EmbeddedKafka;
import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.RunningApplication;
import io.orderinsight.infra.support.ServerSentEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two app nodes sharing one PostgreSQL, MongoDB and Kafka: a rebuild started on one runs on both, both switch their
 * readers and stop the old generation's processor, each serves what the other processed (a live-stream client of one
 * sees an order placed through the other), and when one node stops, the other takes over all the new generation's
 * segments.
 */
class TwoNodeRebuildIT {

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void bothNodesSwitchOverAndTheSurvivorTakesOverTheNewGeneration() throws Exception {
        List<String> orders = new ArrayList<>();
        try (RunningApplication nodeA = RunningApplication.start(
                first, "--orderinsight.projections.retire-after=PT3S", "--orderinsight.node-id=node-a")) {
            String jdbcUrl = nodeA.context().getBean(HikariDataSource.class).getJdbcUrl();
            int mongoPort =
                    nodeA.context().getBean(MongoServer.class).getLocalAddress().getPort();
            String kafka = nodeA.context().getBean(EmbeddedKafka.class).bootstrapServers();
            try (RunningApplication nodeB = RunningApplication.start(
                    second,
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=postgres",
                    "--spring.data.mongodb.uri=mongodb://localhost:" + mongoPort,
                    "--spring.kafka.bootstrap-servers=" + kafka,
                    "--orderinsight.projections.retire-after=PT3S",
                    "--orderinsight.node-id=node-b")) {
                Api a = nodeA.api();
                Api b = nodeB.api();
                for (int i = 0; i < 20; i++) {
                    place(i % 2 == 0 ? a : b, "o-two-" + i, orders);
                }
                ProjectionRebuildIT.awaitVisible(b, orders);

                Reply accepted = a.post("/api/v1/admin/projections/views/rebuild", "");
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
                String job = accepted.location().orElseThrow();
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> !"RUNNING"
                                .equals(b.get(job).json().path("status").asText()));
                assertThat(b.get(job).json().path("status").asText()).isEqualTo("SUCCEEDED");

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    for (RunningApplication node : List.of(nodeA, nodeB)) {
                        JsonNode view = ProjectionRebuildIT.projection(node.api(), "views");
                        assertThat(view.path("generation").asInt()).isEqualTo(2);
                        assertThat(view.path("status").asText()).isEqualTo("RUNNING");
                        assertThat(processor(node, "views").map(EventProcessor::isRunning))
                                .as("the first generation's processor on each node")
                                .contains(false);
                    }
                    assertThat(segments(a) + segments(b)).isEqualTo(4);
                });

                place(b, "o-two-after-switch", orders);
                ProjectionRebuildIT.awaitVisible(a, orders);
                ProjectionRebuildIT.awaitVisible(b, orders);

                // a live-stream client of node B sees an order placed through node A
                ServerSentEvents.OrdersSeen seen =
                        ServerSentEvents.ordersAround(b.port(), () -> place(a, "o-two-streamed", orders));
                assertThat(seen.after()).isEqualTo(seen.before() + 1);

                // node A hosts the shared engines here, so node B is the one that goes away
                nodeB.close();
                await().atMost(Duration.ofSeconds(60)).until(() -> segments(a) == 4);
                place(a, "o-two-after-failover", orders);
                ProjectionRebuildIT.awaitVisible(a, orders);
            }
        }
    }

    private static Optional<EventProcessor> processor(RunningApplication node, String name) {
        return node.context().getBean(EventProcessingConfiguration.class).eventProcessor(name);
    }

    private static int segments(Api api) {
        return ProjectionRebuildIT.projection(api, "views").path("segments").asInt();
    }

    private static void place(Api api, String order, List<String> orders) {
        assertThat(api.post("/api/v1/orders", placeOrder(order, "c-" + order, "USD", 1_000, 1))
                        .status())
                .isEqualTo(201);
        orders.add(order);
    }
}
