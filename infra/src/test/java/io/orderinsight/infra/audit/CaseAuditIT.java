package io.orderinsight.infra.audit;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static io.orderinsight.infra.support.Commands.requestRefund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.ApplicationIT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An auditor reads an order's case through the HTTP API: its events in global order with their metadata, its state as
 * of a recorded time or after its first N events (rebuilt by the aggregates' own handlers), and the access log of
 * those reads.
 */
class CaseAuditIT extends ApplicationIT {

    @Test
    void showsTheCaseHistoryAndItsStateAtEachPoint() throws Exception {
        String order = unique("o");
        String payment = unique("p");
        String refund = unique("r");
        Instant beforeOrder = Instant.now().minusSeconds(1);
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 1000, 1));
        api.post("/api/v1/payments", recordPayment(payment, order, 1000, "USD", "AUTHORIZED"));
        api.post("/api/v1/payments/" + payment + "/capture", amount(600));
        Thread.sleep(20);
        Instant afterFirstCapture = Instant.now();
        Thread.sleep(20);
        api.post("/api/v1/payments/" + payment + "/capture", amount(400));
        api.post("/api/v1/refunds", requestRefund(refund, order, payment, 300));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/audit/orders/" + order + "/events")
                                .json()
                                .path("items")
                                .size()
                        == 6);
        JsonNode items =
                api.get("/api/v1/audit/orders/" + order + "/events").json().path("items");
        List<String> types = new ArrayList<>();
        long position = -1;
        for (JsonNode event : items) {
            types.add(event.path("type").asText());
            assertThat(event.path("globalPosition").asLong()).isGreaterThan(position);
            position = event.path("globalPosition").asLong();
            assertThat(event.path("eventId").asText()).isNotBlank();
            assertThat(event.path("recordedAt").asText()).isNotBlank();
            assertThat(event.path("occurredAt").asText()).isNotBlank();
            assertThat(event.path("principal").asText()).isEqualTo("key:test-all");
            assertThat(event.path("correlationId").asText()).isNotBlank();
        }
        assertThat(types)
                .containsExactly(
                        "OrderPlacedEvent",
                        "PaymentAuthorizedEvent",
                        "PaymentCapturedEvent",
                        "PaymentCapturedEvent",
                        "RefundReservedEvent",
                        "RefundRequestedEvent");
        // the sealed field is replaced by the personal data read with the customer's key
        assertThat(items.get(0).path("payload").has("sealedPersonalData")).isFalse();
        assertThat(items.get(0)
                        .path("payload")
                        .path("personalData")
                        .path("status")
                        .asText())
                .isEqualTo("AVAILABLE");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/audit/orders/" + order + "/events")
                        .json()
                        .path("items")
                        .get(5)
                        .hasNonNull("chainSeq"));
        JsonNode chained =
                api.get("/api/v1/audit/orders/" + order + "/events").json().path("items");
        assertThat(chained.get(5).path("chainSeq").asLong())
                .isGreaterThan(chained.get(0).path("chainSeq").asLong());
        assertThat(chained.get(0).path("hash").asText()).hasSize(64);
        assertThat(items.get(3).path("aggregateId").asText()).isEqualTo(payment);
        // the case index holds each aggregate of the case once, however many of its events named the order
        assertThat(jdbc().queryForList(
                                "select aggregate_type || ':' || aggregate_id from case_member where order_id = ?",
                                String.class,
                                order))
                .containsExactlyInAnyOrder("Order:" + order, "Payment:" + payment, "Refund:" + refund);
        assertThat(items.get(3).path("sequence").asLong()).isEqualTo(2);

        JsonNode third =
                api.get("/api/v1/audit/orders/" + order + "/state?version=3").json();
        assertThat(third.path("eventsApplied").asInt()).isEqualTo(3);
        assertThat(third.path("order").path("status").asText()).isEqualTo("PLACED");
        assertThat(third.path("payments")
                        .path(payment)
                        .path("captured")
                        .path("minor")
                        .asLong())
                .isEqualTo(600);
        assertThat(third.path("refunds").size()).isZero();

        JsonNode then = api.get("/api/v1/audit/orders/" + order + "/state?asOf=" + afterFirstCapture)
                .json();
        assertThat(then.path("eventsApplied").asInt()).isEqualTo(3);
        JsonNode now = api.get("/api/v1/audit/orders/" + order + "/state").json();
        assertThat(now.path("payments")
                        .path(payment)
                        .path("captured")
                        .path("minor")
                        .asLong())
                .isEqualTo(1000);
        assertThat(now.path("refunds").path(refund).path("status").asText()).isEqualTo("REQUESTED");

        assertThat(api.get("/api/v1/audit/orders/" + order + "/state?asOf=" + beforeOrder)
                        .code())
                .isEqualTo("ORDER_NOT_FOUND");
        assertThat(api.get("/api/v1/audit/orders/" + order + "/state?asOf=" + beforeOrder)
                        .json()
                        .path("detail")
                        .asText())
                .contains("did not exist yet");
        assertThat(api.get("/api/v1/audit/orders/" + order + "/state?asOf=yesterday")
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/v1/audit/orders/" + order + "/state?version=0").code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/v1/audit/orders/no-such-order/events").code()).isEqualTo("ORDER_NOT_FOUND");

        JsonNode log =
                api.get("/api/v1/audit/access-log?from=" + beforeOrder).json().path("items");
        List<String> reads = new ArrayList<>();
        log.forEach(entry -> {
            if (entry.path("subject").asText().equals(order)) {
                reads.add(entry.path("action").asText() + " "
                        + entry.path("detail").asText(""));
            }
        });
        assertThat(reads).contains("case-history ", "case-state version=3", "case-state asOf=" + afterFirstCapture);
        assertThat(api.get("/api/v1/audit/access-log?from=soon").code()).isEqualTo("VALIDATION_FAILED");
    }
}
