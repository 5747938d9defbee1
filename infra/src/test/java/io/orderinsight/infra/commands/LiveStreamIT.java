package io.orderinsight.infra.commands;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.ServerSentEvents.nextEvent;
import static io.orderinsight.infra.support.ServerSentEvents.ordersIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.infra.support.ServerSentEvents;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The live stream sends the overview on connect and again when new orders change it, and every new alert. */
class LiveStreamIT extends ApplicationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Test
    void pushesTheOverviewOnConnectAndOnEveryChange() throws Exception {
        HttpResponse<Stream<String>> response = ServerSentEvents.open(port);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Iterator<String> lines = response.body().iterator();
        try {
            long before = ordersIn(nextOverview(lines));

            api.post("/api/v1/orders", placeOrder(unique("o"), unique("c"), "SEK", 100, 1));

            long after = before;
            while (after == before) {
                after = ordersIn(nextOverview(lines));
            }
            assertThat(after).isGreaterThan(before);
        } finally {
            response.body().close();
        }
    }

    @Test
    void pushesEachNewAlert() throws Exception {
        HttpResponse<Stream<String>> response = ServerSentEvents.open(port);
        Iterator<String> lines = response.body().iterator();
        try {
            nextEvent(lines, "overview");
            // the stream learns where the alert list stands on its first poll after a client connects
            Thread.sleep(1_500);
            String order = unique("o");
            api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 900, 1));
            api.post("/api/v1/orders/" + order + "/shipment", "{\"carrier\":\"DHL\",\"trackingNumber\":\"T\"}");

            JsonNode alert = nextEvent(lines, "alert");
            while (!alert.path("subjectId").asText().equals(order)) {
                alert = nextEvent(lines, "alert");
            }
            assertThat(alert.path("ruleId").asText()).isEqualTo("shipped-before-capture");
            assertThat(alert.path("moneyAtRisk").asLong()).isEqualTo(900);
        } finally {
            response.body().close();
        }
    }

    private static JsonNode nextOverview(Iterator<String> lines) throws Exception {
        return nextEvent(lines, "overview");
    }
}
