package io.orderinsight.infra.projections;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.ApplicationIT;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every processor's lag, not only the read models': the admin endpoint and the gauges. */
class ProcessorLagIT extends ApplicationIT {

    private static final List<String> PROCESSORS = List.of(
            "views", "insight", "risk-rules", "risk-deadlines", "audit-chain", "audit-index", "kafka-publisher");

    @Test
    void listsEveryProcessorWithItsLagAndReachesZeroOnceTheEventsAreHandled() {
        api.post("/api/v1/orders", placeOrder(unique("o"), unique("c"), "USD", 100, 1));
        long head = jdbc().queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);

        JsonNode caughtUp = null;
        for (int attempt = 0; attempt < 300 && caughtUp == null; attempt++) {
            JsonNode processors = api.get("/api/v1/admin/processors").json();
            boolean all = true;
            for (JsonNode processor : processors.path("items")) {
                all &= processor.path("position").asLong() >= head;
            }
            if (all) {
                caughtUp = processors;
            } else {
                sleep();
            }
        }

        assertThat(caughtUp).as("every processor at " + head).isNotNull();
        List<String> names = new ArrayList<>();
        for (JsonNode processor : caughtUp.path("items")) {
            names.add(processor.path("name").asText());
            assertThat(processor.path("status").asText()).isEqualTo("RUNNING");
            assertThat(processor.path("segments").asInt()).isPositive();
            assertThat(processor.path("behind").asLong()).isNotNegative();
            assertThat(processor.path("lagMs").asLong()).isNotNegative();
        }
        assertThat(names).containsAll(PROCESSORS);
        JsonNode gauge = api.get("/actuator/metrics/orderinsight.processor.behind?tag=processor:kafka-publisher")
                .json();
        assertThat(gauge.path("measurements").get(0).has("value")).isTrue();
        assertThat(api.get("/actuator/metrics/orderinsight.processor.lag?tag=processor:audit-chain")
                        .status())
                .isEqualTo(200);
        // each processor's and the command bus's messages, counted by outcome
        assertThat(api.metric("orderinsight.messages?tag=name:views&tag=outcome:success"))
                .isPositive();
        assertThat(api.metric("orderinsight.messages.handling?tag=component:command-bus"))
                .isPositive();
    }

    /** The node ran the dashboard's queries and one request once when it became ready. */
    @Test
    void warmedUpTheDashboardsQueriesWhenItBecameReady() {
        for (int attempt = 0; attempt < 300 && api.metric("orderinsight.startup.warm-up") < 1; attempt++) {
            sleep();
        }
        assertThat(api.metric("orderinsight.startup.warm-up")).isEqualTo(1);
    }
}
