package io.orderinsight.infra.commands;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.openDispute;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static io.orderinsight.infra.support.Commands.requestRefund;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input gets its 4xx and code as problem+json, and the event store gains nothing. */
class BadInputIT extends ApplicationIT {

    private static final String ORDER = "bad-input-order";
    private static final String PAYMENT = "bad-input-payment";
    private static final String REFUND = "bad-input-refund";

    private record Call(String path, String body) {}

    @BeforeEach
    void knownAggregates() {
        if (events.eventTypesOf(ORDER).isEmpty()) {
            api.post("/api/v1/orders", placeOrder(ORDER, "bad-input-customer", "USD", 1000, 3));
            api.post("/api/v1/payments", recordPayment(PAYMENT, ORDER, 3000, "USD", "AUTHORIZED"));
            api.post("/api/v1/payments/" + PAYMENT + "/capture", amount(2000));
            api.post("/api/v1/refunds", requestRefund(REFUND, ORDER, PAYMENT, 100));
            api.post("/api/v1/orders/" + ORDER + "/shipment", "{\"carrier\":\"DHL\",\"trackingNumber\":\"T\"}");
        }
    }

    static Stream<Arguments> badRequests() {
        String order = placeOrder("new-order", "c", "USD", 100, 1);
        return Stream.of(
                bad("malformed JSON", "/api/v1/orders", "{\"orderId\":", 400, "VALIDATION_FAILED"),
                bad("empty body", "/api/v1/orders", "", 400, "VALIDATION_FAILED"),
                bad(
                        "missing field",
                        "/api/v1/orders",
                        order.replace("\"sellerId\":\"seller-1\",", ""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "id outside the pattern",
                        "/api/v1/orders",
                        order.replace("new-order", "new order!"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "id too long",
                        "/api/v1/orders",
                        order.replace("new-order", "x".repeat(65)),
                        400,
                        "VALIDATION_FAILED"),
                bad("unknown enum", "/api/v1/orders", order.replace("LIVE", "TELEPATHY"), 400, "VALIDATION_FAILED"),
                bad("unknown currency", "/api/v1/orders", order.replace("USD", "XYZ"), 400, "VALIDATION_FAILED"),
                bad("lower-case currency", "/api/v1/orders", order.replace("USD", "usd"), 400, "VALIDATION_FAILED"),
                bad("no items", "/api/v1/orders", order.replaceAll("\\[\\{.*?\\}\\]", "[]"), 400, "VALIDATION_FAILED"),
                bad(
                        "zero quantity",
                        "/api/v1/orders",
                        order.replace("\"quantity\":1", "\"quantity\":0"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "negative price",
                        "/api/v1/orders",
                        order.replace("\"unitPrice\":100", "\"unitPrice\":-1"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "overflowing price",
                        "/api/v1/orders",
                        order.replace("\"unitPrice\":100", "\"unitPrice\":99999999999999999999999"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "oversized field",
                        "/api/v1/orders/" + ORDER + "/cancellation",
                        "{\"reason\":\"" + "x".repeat(501) + "\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "quantity as a string",
                        "/api/v1/orders",
                        order.replace("\"quantity\":1", "\"quantity\":\"1\""),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "price with decimals",
                        "/api/v1/orders",
                        order.replace("\"unitPrice\":100", "\"unitPrice\":1.5"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "whole price written as a decimal",
                        "/api/v1/orders",
                        order.replace("\"unitPrice\":100", "\"unitPrice\":100.0"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "amount with an exponent",
                        "/api/v1/payments/" + PAYMENT + "/capture",
                        "{\"amount\":1e2}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "amount as a string",
                        "/api/v1/payments/" + PAYMENT + "/capture",
                        "{\"amount\":\"100\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "id as a number",
                        "/api/v1/orders",
                        order.replace("\"new-order\"", "12345"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "duplicate key inside an item",
                        "/api/v1/orders",
                        order.replace("\"quantity\":1", "\"quantity\":1,\"quantity\":1"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "duplicate key at the top",
                        "/api/v1/payments/" + PAYMENT + "/capture",
                        "{\"amount\":1,\"amount\":2}",
                        400,
                        "VALIDATION_FAILED"),
                bad("trailing object", "/api/v1/orders", order + "{}", 400, "VALIDATION_FAILED"),
                bad(
                        "trailing garbage",
                        "/api/v1/payments/" + PAYMENT + "/capture",
                        "{\"amount\":1} x",
                        400,
                        "VALIDATION_FAILED"),
                bad("duplicate order id", "/api/v1/orders", placeOrder(ORDER, "c", "USD", 100, 1), 409, "DUPLICATE_ID"),
                bad(
                        "cancel after shipment",
                        "/api/v1/orders/" + ORDER + "/cancellation",
                        "{\"reason\":\"r\"}",
                        409,
                        "INVALID_STATE"),
                bad(
                        "order id naming a payment",
                        "/api/v1/orders/" + PAYMENT + "/shipment",
                        "{\"carrier\":\"c\",\"trackingNumber\":\"t\"}",
                        404,
                        "ORDER_NOT_FOUND"),
                bad(
                        "payment naming an order",
                        "/api/v1/payments",
                        recordPayment("new-payment", PAYMENT, 100, "USD", "AUTHORIZED"),
                        404,
                        "ORDER_NOT_FOUND"),
                bad(
                        "refund id taken",
                        "/api/v1/refunds",
                        requestRefund(REFUND, ORDER, PAYMENT, 1),
                        409,
                        "DUPLICATE_ID"),
                bad(
                        "payment id taken by an order",
                        "/api/v1/payments",
                        recordPayment(ORDER, ORDER, 100, "USD", "AUTHORIZED"),
                        409,
                        "DUPLICATE_ID"),
                bad(
                        "unknown order",
                        "/api/v1/orders/nope/shipment",
                        "{\"carrier\":\"c\",\"trackingNumber\":\"t\"}",
                        404,
                        "ORDER_NOT_FOUND"),
                bad(
                        "payment on unknown order",
                        "/api/v1/payments",
                        recordPayment("new-payment", "nope", 100, "USD", "AUTHORIZED"),
                        404,
                        "ORDER_NOT_FOUND"),
                bad(
                        "payment in another currency",
                        "/api/v1/payments",
                        recordPayment("new-payment", ORDER, 100, "EUR", "AUTHORIZED"),
                        422,
                        "CURRENCY_MISMATCH"),
                bad(
                        "zero amount",
                        "/api/v1/payments",
                        recordPayment("new-payment", ORDER, 0, "USD", "AUTHORIZED"),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "negative capture",
                        "/api/v1/payments/" + PAYMENT + "/capture",
                        amount(-5),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "capture above authorization",
                        "/api/v1/payments/" + PAYMENT + "/capture",
                        amount(1001),
                        422,
                        "CAPTURE_EXCEEDS_AUTHORIZED"),
                bad("capture on unknown payment", "/api/v1/payments/nope/capture", amount(1), 404, "PAYMENT_NOT_FOUND"),
                bad(
                        "unknown dispute",
                        "/api/v1/payments/" + PAYMENT + "/disputes/nope/resolution",
                        "{\"outcome\":\"WON\"}",
                        404,
                        "DISPUTE_NOT_FOUND"),
                bad(
                        "dispute above captured",
                        "/api/v1/payments/" + PAYMENT + "/disputes",
                        openDispute("d-big", 2001),
                        400,
                        "VALIDATION_FAILED"),
                bad(
                        "refund above refundable",
                        "/api/v1/refunds",
                        requestRefund("new-refund", ORDER, PAYMENT, 1901),
                        422,
                        "REFUND_EXCEEDS_REFUNDABLE"),
                bad(
                        "refund on unknown payment",
                        "/api/v1/refunds",
                        requestRefund("new-refund", ORDER, "nope", 1),
                        404,
                        "PAYMENT_NOT_FOUND"),
                bad(
                        "refund in another currency",
                        "/api/v1/refunds",
                        requestRefund("new-refund", ORDER, PAYMENT, 1)
                                .replace("\"reason\"", "\"currency\":\"EUR\",\"reason\""),
                        422,
                        "CURRENCY_MISMATCH"),
                bad(
                        "completion before approval",
                        "/api/v1/refunds/" + REFUND + "/completion",
                        null,
                        409,
                        "INVALID_STATE"),
                bad("unknown refund", "/api/v1/refunds/nope/approval", null, 404, "REFUND_NOT_FOUND"),
                bad("path id outside the pattern", "/api/v1/refunds/n%20o/approval", null, 400, "VALIDATION_FAILED"),
                bad(
                        "blank idempotency key",
                        "/api/v1/payments/" + PAYMENT + "/capture",
                        amount(1),
                        400,
                        "VALIDATION_FAILED",
                        " "));
    }

    private static Arguments bad(String name, String path, String body, int status, String code) {
        return Arguments.of(name, new Call(path, body), status, code, null);
    }

    private static Arguments bad(String name, String path, String body, int status, String code, String key) {
        return Arguments.of(name, new Call(path, body), status, code, key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersBadInputWithItsCodeAndChangesNothing(String name, Call call, int status, String code, String key) {
        long before = events.commandEventCount();

        Reply reply = key == null
                ? api.post(call.path(), call.body())
                : api.post(call.path(), call.body(), java.util.Map.of("Idempotency-Key", key));

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.json().path("title").asText()).isNotBlank();
        assertThat(reply.json().path("detail").asText()).isNotBlank();
        assertThat(reply.body())
                .doesNotContain("Exception")
                .doesNotContain("io.orderinsight")
                .doesNotContain("\tat ");
        if (status == 400 && reply.json().has("errors")) {
            assertThat(reply.json().path("errors").get(0).path("field").asText())
                    .isNotBlank();
        }
        assertThat(events.commandEventCount()).isEqualTo(before);
    }
}
