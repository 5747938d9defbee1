package io.orderinsight.infra.commands;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.openDispute;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static io.orderinsight.infra.support.Commands.requestRefund;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import org.junit.jupiter.api.Test;

class CommandLifecycleIT extends ApplicationIT {

    @Test
    void runsAnOrderThroughItsWholeLifecycle() {
        String order = unique("o");
        String payment = unique("p");
        String refund = unique("r");

        Reply placed = api.post("/api/v1/orders", placeOrder(order, unique("c"), "EUR", 2500, 2));
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.location()).contains("/api/v1/orders/" + order);
        assertThat(placed.json().path("id").asText()).isEqualTo(order);
        assertThat(placed.json().path("type").asText()).isEqualTo("Order");
        assertThat(placed.version()).isEqualTo(1);

        assertThat(api.post("/api/v1/payments", recordPayment(payment, order, 5000, "EUR", "AUTHORIZED"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/payments/" + payment + "/capture", amount(2000))
                        .version())
                .isEqualTo(2);
        assertThat(api.post("/api/v1/payments/" + payment + "/capture", amount(3000))
                        .version())
                .isEqualTo(3);
        assertThat(api.post("/api/v1/orders/" + order + "/shipment", "{\"carrier\":\"DHL\",\"trackingNumber\":\"T-1\"}")
                        .version())
                .isEqualTo(2);
        assertThat(api.post("/api/v1/orders/" + order + "/delivery", null).version())
                .isEqualTo(3);

        Reply requested = api.post("/api/v1/refunds", requestRefund(refund, order, payment, 1500));
        assertThat(requested.status()).isEqualTo(201);
        assertThat(requested.json().path("changed").get(0).path("id").asText()).isEqualTo(payment);
        assertThat(requested.json().path("changed").get(0).path("version").asLong())
                .isEqualTo(4);
        assertThat(api.post("/api/v1/refunds/" + refund + "/approval", null).version())
                .isEqualTo(2);
        Reply completed = api.post("/api/v1/refunds/" + refund + "/completion", null);
        assertThat(completed.version()).isEqualTo(3);
        assertThat(completed.json().path("changed").get(0).path("version").asLong())
                .isEqualTo(5);

        assertThat(api.post("/api/v1/payments/" + payment + "/disputes", openDispute("d-1", 1000))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/payments/" + payment + "/disputes/d-1/resolution", "{\"outcome\":\"WON\"}")
                        .version())
                .isEqualTo(7);

        assertThat(events.eventTypesOf(order))
                .containsExactly("OrderPlacedEvent", "OrderShippedEvent", "OrderDeliveredEvent");
        assertThat(events.eventTypesOf(payment))
                .containsExactly(
                        "PaymentAuthorizedEvent",
                        "PaymentCapturedEvent",
                        "PaymentCapturedEvent",
                        "RefundReservedEvent",
                        "RefundSettledEvent",
                        "DisputeOpenedEvent",
                        "DisputeResolvedEvent");
        assertThat(events.eventTypesOf(refund))
                .containsExactly("RefundRequestedEvent", "RefundApprovedEvent", "RefundCompletedEvent");
    }

    @Test
    void rejectsAPendingDecisionAndKeepsTheRest() {
        String order = unique("o");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 1000, 1));
        assertThat(api.post("/api/v1/orders/" + order + "/cancellation", "{\"reason\":\"changed mind\"}")
                        .status())
                .isEqualTo(200);

        Reply again = api.post("/api/v1/orders/" + order + "/cancellation", "{\"reason\":\"again\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("INVALID_STATE");
        assertThat(again.json().path("detail").asText()).contains(order).contains("CANCELLED");
    }

    @Test
    void recordsFactsThatAreBadNews() {
        String order = unique("o");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 1000, 1));

        assertThat(api.post("/api/v1/orders/" + order + "/shipment", "{\"carrier\":\"UPS\",\"trackingNumber\":\"1Z\"}")
                        .status())
                .as("shipped before any payment")
                .isEqualTo(200);
        String first = unique("p");
        String second = unique("p");
        api.post("/api/v1/payments", recordPayment(first, order, 1000, "USD", "AUTHORIZED"));
        api.post("/api/v1/payments", recordPayment(second, order, 1000, "USD", "AUTHORIZED"));
        assertThat(api.post("/api/v1/payments/" + first + "/capture", amount(1000))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/payments/" + second + "/capture", amount(1000))
                        .status())
                .as("a second full capture on one order")
                .isEqualTo(200);

        String cancelled = unique("o");
        api.post("/api/v1/orders", placeOrder(cancelled, unique("c"), "USD", 1000, 1));
        api.post("/api/v1/orders/" + cancelled + "/cancellation", "{\"reason\":\"out of stock\"}");
        assertThat(api.post("/api/v1/payments", recordPayment(unique("p"), cancelled, 1000, "USD", "AUTHORIZED"))
                        .status())
                .as("a payment on a cancelled order")
                .isEqualTo(201);

        String declined = unique("p");
        assertThat(api.post("/api/v1/payments", recordPayment(declined, cancelled, 1000, "USD", "DECLINED"))
                        .status())
                .isEqualTo(201);
        assertThat(events.eventTypesOf(declined)).containsExactly("PaymentDeclinedEvent");
    }

    @Test
    void storesPersonalDataOnlyEncryptedAndEveryEventWithItsMetadata() {
        String order = unique("o");
        String customer = unique("c");
        api.post(
                "/api/v1/orders",
                placeOrder(order, customer, "USD", 1000, 1),
                java.util.Map.of("X-Correlation-Id", "corr-" + order, "Idempotency-Key", "key-" + order));

        String payload = events.payloadOf(order, 0);
        assertThat(payload)
                .doesNotContain(customer + "@example.com")
                .doesNotContain("Main Street")
                .doesNotContain("Berlin")
                .contains("\"sealedPersonalData\":\"v1:");
        assertThat(events.metadataOf(order, 0))
                .contains("\"principal\":\"key:test-all\"")
                .contains("\"source\":\"http\"")
                .contains("\"idempotencyKey\":\"key-" + order + "\"")
                .contains("\"traceId\":\"corr-" + order + "\"")
                .contains("\"correlationId\":")
                .contains("\"occurredAt\":");
    }

    @Test
    void rebuildsLongStreamsFromSnapshots() {
        String order = unique("o");
        String payment = unique("p");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 100, 20));
        api.post("/api/v1/payments", recordPayment(payment, order, 2000, "USD", "AUTHORIZED"));
        for (int i = 0; i < 12; i++) {
            assertThat(api.post("/api/v1/payments/" + payment + "/capture", amount(100))
                            .status())
                    .isEqualTo(200);
        }

        Reply tooMuch = api.post("/api/v1/payments/" + payment + "/capture", amount(801));

        assertThat(tooMuch.code()).isEqualTo("CAPTURE_EXCEEDS_AUTHORIZED");
        assertThat(tooMuch.json().path("detail").asText()).contains("remaining authorization 800 USD");
        assertThat(snapshotsOf(payment)).isPositive();
    }

    private long snapshotsOf(String aggregateId) {
        for (int i = 0; i < 50; i++) {
            Long count = jdbc().queryForObject(
                            "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?",
                            Long.class,
                            aggregateId);
            if (count != null && count > 0) {
                return count;
            }
            sleep();
        }
        return 0;
    }
}
