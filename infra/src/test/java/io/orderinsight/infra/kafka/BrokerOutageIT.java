package io.orderinsight.infra.kafka;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.RunningApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away while commands keep arriving over HTTP; they are all accepted. When it is back, publication
 * resumes where it stopped: every event reaches {@code orderinsight.events}, each order's in order.
 */
class BrokerOutageIT {

    @TempDir
    Path dataDir;

    @Test
    void publishesEveryEventInOrderOnceTheBrokerIsBack() throws Exception {
        try (RunningApplication app = RunningApplication.start(dataDir)) {
            Api api = app.api();
            EmbeddedKafka broker = app.context().getBean(EmbeddedKafka.class);
            KafkaSettings settings = app.context().getBean(KafkaSettings.class);
            List<String> orders = new ArrayList<>();
            placePaidOrders(api, orders, "before", 5);

            broker.close();
            placePaidOrders(api, orders, "during", 20);
            broker.start();
            placePaidOrders(api, orders, "after", 5);

            try (KafkaRecords events = new KafkaRecords(
                    broker.bootstrapServers(), settings.topics().events())) {
                List<ConsumerRecord<String, byte[]>> published = events.awaitDistinct(
                        record -> orders.contains(record.key()), orders.size() * 3, Duration.ofSeconds(90));
                Map<String, List<String>> byOrder = new TreeMap<>();
                for (ConsumerRecord<String, byte[]> record : published) {
                    List<String> types = byOrder.computeIfAbsent(record.key(), key -> new ArrayList<>());
                    String type = KafkaRecords.header(record, "ce_type");
                    // a batch the broker half-acknowledged before it stopped may come again: consumers dedupe by ce_id
                    if (!types.contains(type)) {
                        types.add(type);
                    }
                }
                assertThat(byOrder).hasSize(orders.size());
                assertThat(byOrder.values())
                        .allSatisfy(types -> assertThat(types)
                                .containsExactly(
                                        "orderinsight.order.placed",
                                        "orderinsight.payment.authorized",
                                        "orderinsight.payment.captured"));
            }
        }
    }

    private static void placePaidOrders(Api api, List<String> orders, String phase, int count) {
        for (int i = 0; i < count; i++) {
            String order = "o-" + phase + "-" + i;
            String payment = "p-" + phase + "-" + i;
            assertThat(api.post("/api/v1/orders", placeOrder(order, "c-" + phase + "-" + i, "USD", 1000, 1))
                            .status())
                    .isEqualTo(201);
            assertThat(api.post("/api/v1/payments", recordPayment(payment, order, 1000, "USD", "AUTHORIZED"))
                            .status())
                    .isEqualTo(201);
            assertThat(api.post("/api/v1/payments/" + payment + "/capture", amount(1000))
                            .status())
                    .isEqualTo(200);
            orders.add(order);
        }
    }
}
