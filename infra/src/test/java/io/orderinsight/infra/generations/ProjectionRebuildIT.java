package io.orderinsight.infra.generations;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.RunningApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blue/green rebuild of the order views while orders keep arriving and the dashboard's queries keep being answered:
 * the new generation catches up, readers switch over, the old generation is dropped, and after a restart the system
 * serves and keeps the new generation (read models on the embedded server's file backend, which keeps them, and the
 * pointer, between runs). A second rebuild while one runs is refused, an unknown projection is not found.
 */
class ProjectionRebuildIT {

    @TempDir
    Path dataDir;

    @Test
    void rebuildsUnderLoadSwitchesReadersDropsTheOldGenerationAndKeepsItAfterARestart() throws Exception {
        List<String> orders = new CopyOnWriteArrayList<>();
        try (RunningApplication app = RunningApplication.start(
                dataDir,
                "--orderinsight.projections.retire-after=PT3S",
                "--orderinsight.mongo.embedded.backend=file")) {
            Api api = app.api();
            MongoDatabase readModels = app.context().getBean(MongoDatabase.class);
            for (int i = 0; i < 30; i++) {
                paidOrder(api, "o-history-" + i, orders);
            }
            awaitVisible(api, orders);

            AtomicBoolean stop = new AtomicBoolean();
            Map<String, Integer> failures = new ConcurrentHashMap<>();
            Thread load = new Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    String order = "o-load-" + i++;
                    record(
                            failures,
                            "place",
                            api.post("/api/v1/orders", placeOrder(order, "c-" + order, "USD", 500, 1)));
                    orders.add(order);
                    record(failures, "overview", api.get("/api/v1/insights/overview"));
                    record(failures, "orders", api.get("/api/v1/orders?size=20"));
                    record(failures, "order", api.get("/api/v1/orders/o-history-" + (i % 30)));
                    record(failures, "projections", api.get("/api/v1/admin/projections"));
                }
            });
            load.start();

            Reply accepted = api.post("/api/v1/admin/projections/views/rebuild", "");
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            Reply second = api.post("/api/v1/admin/projections/views/rebuild", "");
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.code()).isEqualTo("REBUILD_IN_PROGRESS");
            assertThat(api.post("/api/v1/admin/projections/no-such-view/rebuild", "")
                            .code())
                    .isEqualTo("PROJECTION_NOT_FOUND");

            JsonNode finished = api.succeededJob(accepted, Duration.ofSeconds(90));
            assertThat(finished.path("result").path("generation").asInt()).isEqualTo(2);
            assertThat(finished.path("result").path("previousGeneration").asInt())
                    .isEqualTo(1);

            Thread.sleep(1_000);
            stop.set(true);
            load.join();
            assertThat(failures).as("requests refused during the rebuild").isEmpty();

            assertThat(projection(api, "views").path("generation").asInt()).isEqualTo(2);
            assertThat(projection(api, "views").path("rebuild").isMissingNode()).isTrue();
            awaitVisible(api, orders);
            paidOrder(api, "o-after-switch", orders);
            awaitVisible(api, orders);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(collections(readModels))
                            .contains("order_views_g2")
                            .doesNotContain("order_views"));
        }

        try (RunningApplication app = RunningApplication.start(dataDir, "--orderinsight.mongo.embedded.backend=file")) {
            Api api = app.api();
            JsonNode orderViews = projection(api, "views");
            assertThat(orderViews.path("generation").asInt()).isEqualTo(2);
            assertThat(orderViews.path("status").asText()).isEqualTo("RUNNING");
            paidOrder(api, "o-after-restart", orders);
            awaitVisible(api, orders);
        }
    }

    private static void record(Map<String, Integer> failures, String what, Reply reply) {
        if (reply.status() >= 300) {
            failures.merge(what + " " + reply.status() + " " + reply.body(), 1, Integer::sum);
        }
    }

    static void paidOrder(Api api, String order, List<String> orders) {
        String payment = "p-" + order;
        assertThat(api.post("/api/v1/orders", placeOrder(order, "c-" + order, "USD", 1_000, 1))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/payments", recordPayment(payment, order, 1_000, "USD", "AUTHORIZED"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/payments/" + payment + "/capture", amount(1_000))
                        .status())
                .isEqualTo(200);
        orders.add(order);
    }

    static void awaitVisible(Api api, List<String> orders) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(orders)
                        .allSatisfy(order -> assertThat(
                                        api.get("/api/v1/orders/" + order).status())
                                .as(order)
                                .isEqualTo(200)));
    }

    static JsonNode projection(Api api, String name) {
        JsonNode items = api.get("/api/v1/admin/projections").json().path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(item -> item.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> collections(MongoDatabase readModels) {
        return readModels.listCollectionNames().into(new ArrayList<>());
    }
}
