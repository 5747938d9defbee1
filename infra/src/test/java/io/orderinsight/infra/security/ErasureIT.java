package io.orderinsight.infra.security;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.infra.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Erasure by crypto-shredding: the customer's key is destroyed, the order view and the case history show the
 * personal data as erased, the export marks it, the hash chain still verifies, the figures do not move, and the
 * erasure is an event of its own with the caller who asked for it.
 */
class ErasureIT extends ApplicationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void erasesTheCustomersPersonalDataWithoutTouchingHistoryOrFigures() throws Exception {
        String customer = unique("c-erase");
        String order = unique("o-erase");
        assertThat(api.post("/api/v1/orders", placeOrder(order, customer, "USD", 2_500, 2))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/payments", recordPayment("p-" + order, order, 5_000, "USD", "AUTHORIZED"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/payments/p-" + order + "/capture", amount(5_000))
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/orders/" + order)
                                .json()
                                .path("captured")
                                .asLong()
                        == 5_000);
        JsonNode before = api.get("/api/v1/orders/" + order).json().path("customer");
        assertThat(before.path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(before.path("email").asText()).isEqualTo(customer + "@example.com");
        assertThat(placed(order).path("personalData").path("name").asText()).isEqualTo("Customer " + customer);
        JsonNode figures = settledFigures();

        Reply refused = api.as(TestKeys.BY_ROLE.get("INGEST")).post("/api/v1/customers/" + customer + "/erasure", null);
        assertThat(refused.status()).isEqualTo(403);
        Reply erased = api.as(TestKeys.BY_ROLE.get("ADMIN")).post("/api/v1/customers/" + customer + "/erasure", null);
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().path("id").asText()).isEqualTo("privacy/" + customer);
        assertThat(api.post("/api/v1/customers/" + customer + "/erasure", null).code())
                .isEqualTo("INVALID_STATE");
        assertThat(api.post("/api/v1/customers/" + unique("c-nobody") + "/erasure", null)
                        .code())
                .isEqualTo("CUSTOMER_NOT_FOUND");

        JsonNode after = api.get("/api/v1/orders/" + order).json();
        assertThat(after.path("customer").path("status").asText()).isEqualTo("ERASED");
        assertThat(after.path("customer").has("email")).isFalse();
        assertThat(after.path("captured").asLong()).isEqualTo(5_000);
        assertThat(placed(order).path("personalData").path("status").asText()).isEqualTo("ERASED");
        assertThat(placed(order).path("personalData").has("email")).isFalse();
        assertThat(settledFigures()).isEqualTo(figures);

        // the erasure is chained with its caller; the order's line keeps its ciphertext, marked erased
        await().atMost(Duration.ofSeconds(20)).until(() -> exportLine("privacy/" + customer) != null);
        JsonNode erasure = exportLine("privacy/" + customer);
        JsonNode metadata = JSON.readTree(
                Base64.getDecoder().decode(erasure.path("metadata").asText()));
        assertThat(metadata.path("principal").asText()).isEqualTo("key:test-admin");
        assertThat(new String(Base64.getDecoder().decode(erasure.path("payload").asText()), StandardCharsets.UTF_8))
                .contains(customer);
        JsonNode placedLine = exportLine(order);
        assertThat(placedLine.path("personalData").asText()).isEqualTo("ERASED");
        assertThat(api.get("/api/v1/audit/verification").json().path("verified").asBoolean())
                .isTrue();

        // a new order of the same customer is sealed with a new key: readable, while the old stays erased
        String next = unique("o-erase-next");
        assertThat(api.post("/api/v1/orders", placeOrder(next, customer, "USD", 100, 1))
                        .status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/orders/" + next).status() == 200);
        assertThat(api.get("/api/v1/orders/" + next)
                        .json()
                        .path("customer")
                        .path("status")
                        .asText())
                .isEqualTo("AVAILABLE");
        assertThat(api.get("/api/v1/orders/" + order)
                        .json()
                        .path("customer")
                        .path("status")
                        .asText())
                .isEqualTo("ERASED");
    }

    /** The overview's USD figures once insight has caught up with every stored event. */
    private JsonNode settledFigures() {
        long head = jdbc().queryForObject("select max(globalindex) from domainevententry", Long.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/insights/overview")
                                .json()
                                .path("freshness")
                                .path("position")
                                .asLong()
                        >= head);
        return api.get("/api/v1/insights/overview").json().path("currencies").path("USD");
    }

    private JsonNode placed(String order) {
        for (JsonNode event :
                api.get("/api/v1/audit/orders/" + order + "/events").json().path("items")) {
            if (event.path("type").asText().equals("OrderPlacedEvent")) {
                return event.path("payload");
            }
        }
        throw new AssertionError("no OrderPlacedEvent in the case of " + order);
    }

    /** The export line of the first event of {@code aggregateId}, or null while it is not chained yet. */
    private JsonNode exportLine(String aggregateId) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : api.get("/api/v1/audit/export").body().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines.stream()
                .filter(line -> line.path("aggregateId").asText().equals(aggregateId))
                .findFirst()
                .orElse(null);
    }
}
