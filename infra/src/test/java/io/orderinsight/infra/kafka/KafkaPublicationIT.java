package io.orderinsight.infra.kafka;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.ApplicationIT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every domain event reaches {@code orderinsight.events}, keyed by order, with CloudEvents headers, without personal data. */
class KafkaPublicationIT extends ApplicationIT {

    @Autowired
    private EmbeddedKafka broker;

    @Autowired
    private KafkaSettings settings;

    @Test
    void publishesEachEventOfAnOrderInOrderWithCloudEventsHeaders() {
        String order = unique("o");
        String payment = unique("p");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 2500, 2));
        api.post("/api/v1/payments", recordPayment(payment, order, 5000, "USD", "AUTHORIZED"));
        api.post("/api/v1/payments/" + payment + "/capture", amount(5000));

        try (KafkaRecords events = KafkaRecords.published(
                broker.bootstrapServers(),
                settings.topics().events(),
                api.get(SCHEMAS).body())) {
            List<ConsumerRecord<String, byte[]>> published =
                    events.await(record -> order.equals(record.key()), 3, Duration.ofSeconds(30));

            assertThat(published)
                    .extracting(record -> KafkaRecords.header(record, "ce_type"))
                    .containsExactly(
                            "orderinsight.order.placed",
                            "orderinsight.payment.authorized",
                            "orderinsight.payment.captured");
            assertThat(published)
                    .extracting(ConsumerRecord::partition)
                    .containsOnly(published.get(0).partition());
            ConsumerRecord<String, byte[]> placed = published.get(0);
            assertThat(KafkaRecords.header(placed, "ce_specversion")).isEqualTo("1.0");
            assertThat(KafkaRecords.header(placed, "ce_subject")).isEqualTo(order);
            assertThat(KafkaRecords.header(placed, "ce_source")).isEqualTo("/orderinsight");
            assertThat(KafkaRecords.header(placed, "ce_time")).isNotBlank();
            assertThat(KafkaRecords.header(placed, "ce_id"))
                    .isEqualTo(jdbc().queryForObject(
                                    "select eventidentifier from domainevententry where aggregateidentifier = ? and sequencenumber = 0",
                                    String.class,
                                    order));
            assertThat(KafkaRecords.body(placed))
                    .contains("\"orderId\":\"" + order + "\"")
                    .doesNotContain("sealedPersonalData")
                    .doesNotContain("@example.com");
            assertThat(KafkaRecords.header(published.get(2), "ce_subject")).isEqualTo(payment);
        }
    }

    @Test
    void publishesAlertsToTheAlertsTopicKeyedBySubject() {
        String order = unique("o");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 700, 1));
        api.post("/api/v1/orders/" + order + "/shipment", "{\"carrier\":\"DHL\",\"trackingNumber\":\"T\"}");

        try (KafkaRecords alerts = KafkaRecords.published(
                broker.bootstrapServers(),
                settings.topics().alerts(),
                api.get(SCHEMAS).body())) {
            List<ConsumerRecord<String, byte[]>> raised =
                    alerts.await(record -> order.equals(record.key()), 1, Duration.ofSeconds(30));
            assertThat(raised).hasSize(1);
            assertThat(KafkaRecords.header(raised.get(0), "ce_type")).isEqualTo("orderinsight.alert.raised");
            assertThat(KafkaRecords.body(raised.get(0)))
                    .contains("shipped-before-capture")
                    .contains("\"minor\":700");
        }
    }

    @Test
    void servesTheSchemaOfEveryPublishedType() {
        Api.Reply all = api.get(SCHEMAS);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrderElementsOf(CloudEventTypes.TYPES.values());

        Api.Reply captured = api.get(SCHEMAS + "/orderinsight.payment.captured");
        assertThat(captured.status()).isEqualTo(200);
        assertThat(captured.contentType()).startsWith("application/schema+json");
        assertThat(captured.json()).isEqualTo(all.json().path("orderinsight.payment.captured"));

        Api.Reply missing = api.get(SCHEMAS + "/orderinsight.order.teleported");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().path("code").asText()).isEqualTo("EVENT_TYPE_NOT_FOUND");
    }
}
