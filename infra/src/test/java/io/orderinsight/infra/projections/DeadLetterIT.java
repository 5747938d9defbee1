package io.orderinsight.infra.projections;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.projections.support.ProjectionNames;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** An event a projection cannot handle is parked with its order's later events, other orders flow, a retry heals. */
@Import(DeadLetterIT.Poison.class)
class DeadLetterIT extends ApplicationIT {

    /** Fails on orders whose id starts with "poison-" while {@link #FAILING} is set. */
    @TestConfiguration
    static class Poison {

        static final AtomicBoolean FAILING = new AtomicBoolean(true);

        @Bean
        PoisonHandler poisonHandler() {
            return new PoisonHandler();
        }
    }

    @ProcessingGroup(ProjectionNames.ORDER_VIEWS)
    static class PoisonHandler {

        @EventHandler
        void on(OrderPlacedEvent event) {
            if (Poison.FAILING.get() && event.orderId().value().startsWith("poison-")) {
                throw new IllegalStateException("cannot project " + event.orderId());
            }
        }
    }

    @Test
    void parksAnEventItCannotHandleKeepsOtherOrdersFlowingAndRetriesIt() {
        String poisoned = unique("poison");
        String healthy = unique("o");
        api.post("/api/v1/orders", placeOrder(poisoned, unique("c"), "USD", 100, 1));
        api.post("/api/v1/orders", placeOrder(healthy, unique("c"), "USD", 100, 1));

        await("/api/v1/orders/" + healthy, reply -> reply.status() == 200);
        JsonNode letters = awaitJson("/api/v1/admin/dead-letters", list -> contains(list, poisoned));
        JsonNode letter = find(letters, poisoned);
        assertThat(letter.path("projection").asText()).isEqualTo(ProjectionNames.ORDER_VIEWS);
        assertThat(letter.path("eventType").asText()).isEqualTo("OrderPlacedEvent");
        assertThat(letter.path("causeMessage").asText()).contains("cannot project");

        Poison.FAILING.set(false);
        Reply retry = api.post("/api/v1/admin/dead-letters/" + letter.path("id").asText() + "/retry", null);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("handled").asBoolean()).isTrue();
        assertThat(contains(api.get("/api/v1/admin/dead-letters").json(), poisoned))
                .isFalse();
        assertThat(api.post("/api/v1/admin/dead-letters/no-such-letter/retry", null)
                        .status())
                .isEqualTo(404);
    }

    private static boolean contains(JsonNode letters, String aggregateId) {
        return find(letters, aggregateId) != null;
    }

    private static JsonNode find(JsonNode letters, String aggregateId) {
        for (JsonNode letter : letters.path("items")) {
            if (aggregateId.equals(letter.path("aggregateId").asText())) {
                return letter;
            }
        }
        return null;
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> ready) {
        return await(path, reply -> reply.status() == 200 && ready.test(reply.json()))
                .json();
    }

    private Reply await(String path, Predicate<Reply> ready) {
        for (int attempt = 0; attempt < 300; attempt++) {
            Reply reply = api.get(path);
            if (ready.test(reply)) {
                return reply;
            }
            sleep();
        }
        throw new AssertionError(path + " never got ready: " + api.get(path).body());
    }
}
