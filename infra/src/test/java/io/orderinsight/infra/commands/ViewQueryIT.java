package io.orderinsight.infra.commands;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static io.orderinsight.infra.support.Commands.requestRefund;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.projections.support.ProjectionNames;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Commands in, views out: the order, payment and refund views follow the event stream, with their freshness. */
class ViewQueryIT extends ApplicationIT {

    @Autowired
    private MongoDatabase readModels;

    @Test
    void showsAnOrderWithTheMoneyOfItsPaymentsAndRefunds() {
        String order = unique("o");
        String payment = unique("p");
        String refund = unique("r");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "EUR", 2500, 2));
        api.post("/api/v1/payments", recordPayment(payment, order, 5000, "EUR", "AUTHORIZED"));
        api.post("/api/v1/payments/" + payment + "/capture", amount(5000));
        api.post("/api/v1/refunds", requestRefund(refund, order, payment, 1500));
        api.post("/api/v1/refunds/" + refund + "/approval", null);
        api.post("/api/v1/refunds/" + refund + "/completion", null);
        api.post("/api/v1/orders/" + order + "/shipment", "{\"carrier\":\"DHL\",\"trackingNumber\":\"T\"}");

        JsonNode view = awaitView(
                "/api/v1/orders/" + order,
                v -> v.path("refunded").asLong() == 1500
                        && "SHIPPED".equals(v.path("status").asText())
                        // every segment has claimed its token and passed a position
                        && v.path("freshness").path("position").asLong() > 0);

        assertThat(view.path("total").asLong()).isEqualTo(5000);
        assertThat(view.path("captured").asLong()).isEqualTo(5000);
        assertThat(view.path("paymentStatus").asText()).isEqualTo("PARTIALLY_PAID");
        assertThat(view.path("paymentIds").get(0).asText()).isEqualTo(payment);
        assertThat(view.path("refundIds").get(0).asText()).isEqualTo(refund);
        assertThat(view.path("version").asLong()).isEqualTo(2);
        assertThat(view.path("freshness").path("position").asLong()).isPositive();
        assertThat(view.path("freshness").has("lagMs")).isTrue();

        JsonNode paymentView =
                awaitView("/api/v1/payments/" + payment, v -> v.path("refunded").asLong() == 1500);
        assertThat(paymentView.path("status").asText()).isEqualTo("CAPTURED");
        assertThat(paymentView.path("refundable").asLong()).isEqualTo(3500);
        JsonNode refundView = awaitView(
                "/api/v1/refunds/" + refund,
                v -> "COMPLETED".equals(v.path("status").asText()));
        assertThat(refundView.path("amount").asLong()).isEqualTo(1500);
    }

    @Test
    void listsOrdersByCustomerNewestFirst() {
        String customer = unique("c");
        String first = unique("o");
        String second = unique("o");
        // placed a second apart: two requests' receipt times can fall in the same millisecond
        java.time.Instant now = java.time.Instant.now();
        api.post("/api/v1/orders", placedAt(placeOrder(first, customer, "USD", 100, 1), now.minusSeconds(2)));
        api.post("/api/v1/orders", placedAt(placeOrder(second, customer, "USD", 200, 1), now.minusSeconds(1)));

        // the page's items and its total are two reads: the second order can land between them
        JsonNode page = awaitView(
                "/api/v1/orders?customerId=" + customer + "&size=10",
                v -> v.path("total").asLong() == 2 && v.path("items").size() == 2);

        assertThat(page.path("items").get(0).path("orderId").asText()).isEqualTo(second);
        assertThat(page.path("items").get(1).path("orderId").asText()).isEqualTo(first);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(10);
        assertThat(page.has("freshness")).isTrue();
        assertThat(api.get("/api/v1/orders?customerId=" + customer + "&status=CANCELLED")
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
    }

    @Test
    void refusesBadListParametersNamingTheField() {
        assertBadParameter("/api/v1/orders?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from");
        assertBadParameter("/api/v1/orders?from=yesterday", "from");
        assertBadParameter("/api/v1/orders?status=LOST", "status");
        assertBadParameter("/api/v1/orders?size=500", "size");
        assertBadParameter("/api/v1/orders?size=many", "size");
        assertBadParameter("/api/v1/orders?page=-1", "page");
    }

    private void assertBadParameter(String path, String field) {
        Reply reply = api.get(path);
        assertThat(reply.status()).as(path).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    @Test
    void answersTheRiskViewsAndRefusesBadFilters() {
        assertThat(api.get("/api/v1/alerts?status=OPEN").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/alerts/no-such-alert").code()).isEqualTo("ALERT_NOT_FOUND");
        assertThat(api.get("/api/v1/insights/losses?groupBy=cause,seller").status())
                .isEqualTo(200);
        // the ten fraud and loss rules and the four anomaly rules
        assertThat(api.get("/api/v1/risk/rules").json().path("items").size()).isEqualTo(14);
        assertBadParameter("/api/v1/alerts?status=MAYBE", "status");
        assertBadParameter("/api/v1/insights/losses?groupBy=planet", "groupBy");
    }

    @Test
    void answersUnknownIdsWithTheirNotFoundCode() {
        Reply order = api.get("/api/v1/orders/no-such-order");
        Reply payment = api.get("/api/v1/payments/no-such-payment");
        Reply refund = api.get("/api/v1/refunds/no-such-refund");

        assertThat(order.status()).isEqualTo(404);
        assertThat(order.code()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(payment.code()).isEqualTo("PAYMENT_NOT_FOUND");
        assertThat(refund.code()).isEqualTo("REFUND_NOT_FOUND");
    }

    @Test
    void keepsEachProjectionsTokenInMongoDbBesideItsDocuments() {
        String order = unique("o");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 100, 1));
        awaitView("/api/v1/orders/" + order, v -> true);

        for (String projection : ProjectionNames.ALL) {
            assertThat(readModels
                            .getCollection("trackingtokens")
                            .countDocuments(Filters.eq("processorName", projection)))
                    .as(projection)
                    .isPositive();
        }
    }

    @Test
    void listsEachProjectionWithItsStatusPositionAndLag() {
        String order = unique("o");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 100, 1));
        awaitView("/api/v1/orders/" + order, v -> true);

        JsonNode items = api.get("/api/v1/admin/projections").json().path("items");
        assertThat(items).hasSize(ProjectionNames.ALL.size());
        for (JsonNode projection : items) {
            assertThat(ProjectionNames.ALL).contains(projection.path("name").asText());
            assertThat(projection.path("status").asText()).isEqualTo("RUNNING");
            assertThat(projection.path("generation").asInt()).isEqualTo(1);
            assertThat(projection.path("segments").asInt()).isPositive();
            assertThat(projection.has("lagMs")).isTrue();
            assertThat(projection.path("replay").path("replaying").asBoolean()).isFalse();
        }
    }

    private JsonNode awaitView(String path, Predicate<JsonNode> ready) {
        for (int attempt = 0; attempt < 300; attempt++) {
            Reply reply = api.get(path);
            if (reply.status() == 200 && ready.test(reply.json())) {
                return reply.json();
            }
            sleep();
        }
        throw new AssertionError(
                "view " + path + " did not catch up: " + api.get(path).body());
    }

    private static String placedAt(String placeOrder, java.time.Instant occurredAt) {
        return placeOrder.replaceFirst("\\{", "{\"occurredAt\":\"" + occurredAt + "\",");
    }
}
