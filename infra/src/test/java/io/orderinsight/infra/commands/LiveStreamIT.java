package io.orderinsight.infra.commands;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.ServerSentEvents.nextEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.infra.support.ServerSentEvents;
import io.orderinsight.infra.support.TestKeys;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The live stream sends the overview on connect and again when new orders change it, and every new alert; a caller
 * holds a bounded share of streams, and a closed stream's slot comes back without anything to send.
 */
class LiveStreamIT extends ApplicationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code orderinsight.stream.max-per-caller}, left at its default. */
    private static final int MAX_PER_CALLER = 8;

    @LocalServerPort
    private int port;

    @Test
    void opensAsAnEventStream() throws Exception {
        HttpResponse<Stream<String>> response = ServerSentEvents.open(port);
        try {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(nextOverview(response.body().iterator())
                            .path("currencies")
                            .isObject())
                    .isTrue();
        } finally {
            response.body().close();
        }
    }

    @Test
    void pushesTheOverviewWithTheNewOrderCounted() throws Exception {
        // a currency no other test uses: the stream may still be catching up with their orders
        ServerSentEvents.OrdersSeen seen = ServerSentEvents.ordersAround(
                port, "ISK", () -> api.post("/api/v1/orders", placeOrder(unique("o"), unique("c"), "ISK", 100, 1)));

        assertThat(seen.after()).isEqualTo(seen.before() + 1);
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

    @Test
    void refusesACallerBeyondItsShareOfStreamsWhileOtherCallersConnect() throws Exception {
        String viewer = TestKeys.BY_ROLE.get("VIEWER");
        List<HttpResponse<Stream<String>>> held = awaitStreams(viewer, MAX_PER_CALLER);
        try {
            HttpResponse<Stream<String>> refused = ServerSentEvents.open(port, viewer);
            if (refused.statusCode() == 200) {
                refused.body().close(); // admitted after all: an open stream would never end
            }
            assertThat(refused.statusCode()).isEqualTo(429);
            String body = refused.body().collect(Collectors.joining("\n"));
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(JSON.readTree(body).path("code").asText()).isEqualTo("OVERLOADED");

            HttpResponse<Stream<String>> other = ServerSentEvents.open(port, TestKeys.ALL);
            assertThat(other.statusCode()).isEqualTo(200);
            other.body().close();
        } finally {
            held.forEach(stream -> stream.body().close());
        }
    }

    @Test
    void freesTheSlotsOfClosedStreamsWithoutAnyChangeToSend() throws Exception {
        String viewer = TestKeys.BY_ROLE.get("VIEWER");
        // three times the cap opened and closed in turn; each round is admitted once the heartbeat found the last gone
        for (int round = 0; round < 3; round++) {
            List<HttpResponse<Stream<String>>> streams = awaitStreams(viewer, MAX_PER_CALLER);
            for (HttpResponse<Stream<String>> stream : streams) {
                Iterator<String> lines = stream.body().iterator();
                nextOverview(lines);
                stream.body().close();
            }
        }
    }

    /** {@code count} streams of the caller of {@code key}, opened together once the caller has that many free slots. */
    private List<HttpResponse<Stream<String>>> awaitStreams(String key, int count) {
        return await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            List<HttpResponse<Stream<String>>> opened = new ArrayList<>();
                            for (int i = 0; i < count; i++) {
                                HttpResponse<Stream<String>> stream = ServerSentEvents.open(port, key);
                                if (stream.statusCode() != 200) {
                                    stream.body().close();
                                    opened.forEach(held -> held.body().close());
                                    return null;
                                }
                                opened.add(stream);
                            }
                            return opened;
                        },
                        Objects::nonNull);
    }

    private static JsonNode nextOverview(Iterator<String> lines) throws Exception {
        return nextEvent(lines, "overview");
    }
}
