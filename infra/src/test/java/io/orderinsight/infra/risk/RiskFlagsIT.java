package io.orderinsight.infra.risk;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.ApplicationIT;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The views of an order, its payments and refunds flag the rules of the order's open alerts, until resolved. */
class RiskFlagsIT extends ApplicationIT {

    @Test
    void flagsTheRulesOfTheOrdersOpenAlertsUntilTheyAreResolved() {
        String order = unique("o");
        String payment = unique("p");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 700, 1));
        api.post("/api/v1/payments", recordPayment(payment, order, 700, "USD", "AUTHORIZED"));
        api.post("/api/v1/orders/" + order + "/shipment", "{\"carrier\":\"DHL\",\"trackingNumber\":\"T\"}");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> flags("/api/v1/orders/" + order).equals(List.of("shipped-before-capture")));
        assertThat(flags("/api/v1/payments/" + payment)).containsExactly("shipped-before-capture");

        String alert = api
                .get("/api/v1/alerts?rule=shipped-before-capture&size=100")
                .json()
                .path("items")
                .findValues("alertId")
                .stream()
                .map(JsonNode::asText)
                .filter(id -> api.get("/api/v1/alerts/" + id)
                        .json()
                        .path("subjectId")
                        .asText()
                        .equals(order))
                .findFirst()
                .orElseThrow();
        assertThat(api.post("/api/v1/alerts/" + alert + "/resolution", "{\"outcome\":\"FALSE_POSITIVE\"}")
                        .status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> flags("/api/v1/orders/" + order).isEmpty());
        assertThat(flags("/api/v1/payments/" + payment)).isEmpty();
    }

    private List<String> flags(String view) {
        List<String> flags = new ArrayList<>();
        api.get(view).json().path("riskFlags").forEach(flag -> flags.add(flag.asText()));
        return flags;
    }
}
