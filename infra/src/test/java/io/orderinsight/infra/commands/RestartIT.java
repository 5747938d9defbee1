package io.orderinsight.infra.commands;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.EventStoreProbe;
import io.orderinsight.infra.support.RunningApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stop the application and start it again on the same data directory: nothing is forgotten. */
class RestartIT {

    @TempDir
    Path dataDir;

    @Test
    void keepsEventsAggregatesAndIdempotencyKeysAcrossARestart() throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", "place-o-restart");
        String placeBody = placeOrder("o-restart", "c-restart", "USD", 1000, 3);
        Reply placed;
        long storedBefore;
        try (RunningApplication app = RunningApplication.start(dataDir)) {
            Api api = app.api();
            placed = api.post("/api/v1/orders", placeBody, key);
            api.post("/api/v1/payments", recordPayment("p-restart", "o-restart", 3000, "USD", "AUTHORIZED"));
            api.post("/api/v1/payments/p-restart/capture", amount(1000));
            storedBefore = probe(app).commandEventCount();
        }
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"), "999999\n");

        try (RunningApplication app = RunningApplication.start(dataDir)) {
            Api api = app.api();
            EventStoreProbe events = probe(app);
            assertThat(events.commandEventCount()).isEqualTo(storedBefore);

            Reply retried = api.post("/api/v1/orders", placeBody, key);
            assertThat(retried.status()).isEqualTo(201);
            assertThat(retried.body()).isEqualTo(placed.body());

            Reply capture = api.post("/api/v1/payments/p-restart/capture", amount(2000));
            assertThat(capture.status()).isEqualTo(200);
            assertThat(capture.version())
                    .as("the payment rebuilt from its stored events")
                    .isEqualTo(3);
            assertThat(api.post("/api/v1/payments/p-restart/capture", amount(1)).code())
                    .isEqualTo("CAPTURE_EXCEEDS_AUTHORIZED");
            assertThat(events.commandEventCount()).isEqualTo(storedBefore + 1);
        }
    }

    @Test
    void keepsReadModelsInTheFileBackedMongoDbAcrossARestart() throws Exception {
        try (RunningApplication app = RunningApplication.start(dataDir, "--orderinsight.mongo.embedded.backend=file")) {
            app.api().post("/api/v1/orders", placeOrder("o-file", "c-file", "USD", 1000, 1));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> app.api().get("/api/v1/orders/o-file").status() == 200);
        }
        assertThat(Files.size(dataDir.resolve("mongo/readmodels.mv"))).isPositive();

        try (RunningApplication app = RunningApplication.start(dataDir, "--orderinsight.mongo.embedded.backend=file")) {
            MongoDatabase readModels = app.context().getBean(MongoDatabase.class);
            assertThat(readModels.getCollection("order_views").countDocuments()).isEqualTo(1);
            assertThat(readModels.getCollection("trackingtokens").countDocuments())
                    .isPositive();
        }
    }

    private static EventStoreProbe probe(RunningApplication app) {
        return new EventStoreProbe(app.context().getBean(JdbcTemplate.class));
    }
}
