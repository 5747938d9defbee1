package io.orderinsight.infra.drills;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderinsight.infra.support.Api;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under a steady command load against one app node, the {@code services} process stops its MongoDB server for 30
 * seconds, then its Kafka broker for 30 seconds. Commands keep being accepted through both outages (the event store is
 * PostgreSQL); afterwards the projections catch up, every read model equals a fresh rebuild and the insight counters
 * equal the event store (nothing lost, nothing applied twice), nothing was parked in the dead-letter queue, and every
 * event reaches the events topic.
 */
class OutageDrillIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void commandsAreAcceptedThroughAMongoAndAKafkaOutageAndNothingIsLostOrDoubled() throws Exception {
        Processes.Services services = Processes.services(directory);
        try {
            int port = Processes.freePort();
            Process node = Processes.node(directory, services, port, "node");
            Processes.awaitHealthy(port, node);
            Api api = new Api(port);
            Drill.Load load = Drill.Load.start("od", 3, api);
            Thread.sleep(5_000);

            Instant mongoDown = Instant.now();
            services.control("stop mongo", "mongo stopped");
            Thread.sleep(OUTAGE.toMillis());
            services.control("start mongo", "mongo started");
            Instant mongoUp = Instant.now();
            Thread.sleep(10_000);

            Instant kafkaDown = Instant.now();
            services.control("stop kafka", "kafka stopped");
            Thread.sleep(OUTAGE.toMillis());
            services.control("start kafka", "kafka started");
            Instant kafkaUp = Instant.now();
            Thread.sleep(5_000);
            load.stop();

            long duringMongo = load.acknowledgedBetween(mongoDown, mongoUp);
            long duringKafka = load.acknowledgedBetween(kafkaDown, kafkaUp);
            assertThat(duringMongo)
                    .as("commands accepted while MongoDB was down")
                    .isGreaterThan(30);
            assertThat(duringKafka).as("commands accepted while Kafka was down").isGreaterThan(30);
            assertThat(load.refusals())
                    .as("answers other than 200/201, by status")
                    .isEmpty();

            // the projections' lag recovers: an order placed now is visible within seconds
            String probe = "od-probe";
            assertThat(api.post("/api/v1/orders", placeOrder(probe, "c-probe", "USD", 1_000, 1))
                            .status())
                    .isEqualTo(201);
            Instant placed = Instant.now();
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> api.get("/api/v1/orders/" + probe).status() == 200);
            Duration recovered = Duration.between(placed, Instant.now());

            try (Connection store = Drill.eventStore(services)) {
                Drill.assertStored(store, load.acknowledged);
                Drill.assertNoDrift(api);
                Drill.assertCountersEqualTheEventStore(api, store);
                assertThat(api.get("/api/v1/admin/dead-letters").json().path("items"))
                        .as("events parked during the outages")
                        .isEmpty();
                Set<String> published = Drill.awaitPublished(services, store, "od", "outage-drill");
                System.out.printf(
                        "outage drill: %d commands acknowledged (%d while MongoDB was down, %d while Kafka was down),"
                                + " none refused; probe order visible %d ms after the outages; read models equal a"
                                + " fresh rebuild; all %d events published%n",
                        load.acknowledged.size(), duringMongo, duringKafka, recovered.toMillis(), published.size());
            }
            Processes.kill(node);
        } finally {
            services.process().destroy();
            services.process().waitFor();
        }
    }
}
