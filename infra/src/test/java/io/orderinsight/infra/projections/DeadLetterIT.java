package io.orderinsight.infra.projections;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.SellerId;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.projections.support.ProjectionNames;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * An event a projection cannot handle is parked with its order's later events, other orders flow, a retry heals; no
 * event can stop a projection, the insight counters included, and a retry after the counters went on applies it once.
 */
@Import(DeadLetterIT.Poison.class)
class DeadLetterIT extends ApplicationIT {

    @Autowired
    private EventStore eventStore;

    @Autowired
    private EventProcessingConfiguration processing;

    /** Fails on orders whose id starts with "poison-" while {@link #FAILING} is set. */
    @TestConfiguration
    static class Poison {

        static final AtomicBoolean FAILING = new AtomicBoolean(true);

        @Bean
        PoisonHandler poisonHandler() {
            return new PoisonHandler();
        }

        @Bean
        InsightPoison insightPoison() {
            return new InsightPoison();
        }
    }

    /** Fails on orders whose id starts with "qpoison-" while {@link Poison#FAILING} is set, before the counters see them. */
    @ProcessingGroup(ProjectionNames.INSIGHT)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class InsightPoison {

        @EventHandler
        void on(OrderPlacedEvent event) {
            if (Poison.FAILING.get() && event.orderId().value().startsWith("qpoison-")) {
                throw new IllegalStateException("cannot count " + event.orderId());
            }
        }
    }

    @ProcessingGroup(ProjectionNames.VIEWS)
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
        Poison.FAILING.set(true);
        String poisoned = unique("poison");
        String healthy = unique("o");
        api.post("/api/v1/orders", placeOrder(poisoned, unique("c"), "USD", 100, 1));
        api.post("/api/v1/orders", placeOrder(healthy, unique("c"), "USD", 100, 1));

        await("/api/v1/orders/" + healthy, reply -> reply.status() == 200);
        JsonNode letters = awaitJson("/api/v1/admin/dead-letters", list -> contains(list, poisoned));
        JsonNode letter = find(letters, poisoned);
        assertThat(letter.path("projection").asText()).isEqualTo(ProjectionNames.VIEWS);
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

    /**
     * An event stored past validation (a date no read model can hold) is set aside by every projection that fails on
     * it; every processor, the insight counters included, goes on to the head, and answers say what is set aside.
     */
    @Test
    void anEventThatCannotBeHandledStopsNoProcessor() {
        String poisoned = storeFarFutureOrder();
        String healthy = unique("o");
        api.post("/api/v1/orders", placeOrder(healthy, unique("c"), "SEK", 700, 1));
        long head = jdbc().queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);

        awaitEveryProcessorAt(head);
        JsonNode letters = awaitJson("/api/v1/admin/dead-letters", list -> find(list, poisoned, "insight") != null);
        assertThat(find(letters, poisoned, ProjectionNames.VIEWS)).isNotNull();
        assertThat(find(letters, poisoned, ProjectionNames.INSIGHT)
                        .path("causeMessage")
                        .asText())
                .isNotBlank()
                .doesNotContain("java.", "Exception");
        JsonNode overview = api.get("/api/v1/insights/overview?currency=SEK").json();
        assertThat(overview.path("currencies").path("SEK").path("orders").asLong())
                .isEqualTo(1);
        assertThat(overview.path("freshness").path("quarantined").asLong()).isPositive();
        assertThat(api.get("/api/v1/orders/" + healthy).status()).isEqualTo(200);
        JsonNode health = api.get("/actuator/health").json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("quarantine").path("status").asText())
                .isEqualTo("QUARANTINED");
        JsonNode gauge = api.get("/actuator/metrics/orderinsight.projections.quarantined?tag=projection:insight")
                .json();
        assertThat(gauge.path("measurements").get(0).path("value").asDouble()).isPositive();
    }

    /**
     * The counters went on past a set-aside event, so their recorded positions are above its index, which reads as
     * "applied": the retry must still apply it, and only once.
     */
    @Test
    void retryingASetAsideEventAfterTheCountersWentOnCountsItExactlyOnce() {
        Poison.FAILING.set(true);
        String poisoned = unique("qpoison");
        api.post("/api/v1/orders", placeOrder(poisoned, unique("c"), "CHF", 500, 1));
        List<String> later = List.of(unique("o"), unique("o"), unique("o"));
        later.forEach(order -> api.post("/api/v1/orders", placeOrder(order, unique("c"), "CHF", 100, 1)));
        long head = jdbc().queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        awaitEveryProcessorAt(head);
        JsonNode letter = find(
                awaitJson("/api/v1/admin/dead-letters", list -> find(list, poisoned, "insight") != null),
                poisoned,
                ProjectionNames.INSIGHT);
        assertThat(chf("orders")).isEqualTo(3);
        assertThat(chf("gmv")).isEqualTo(300);

        Poison.FAILING.set(false);
        Reply retry = api.post("/api/v1/admin/dead-letters/" + letter.path("id").asText() + "/retry", null);

        assertThat(retry.json().path("handled").asBoolean()).as(retry.body()).isTrue();
        assertThat(chf("orders")).isEqualTo(4);
        assertThat(chf("gmv")).isEqualTo(800);
        assertThat(api.post("/api/v1/admin/dead-letters/" + letter.path("id").asText() + "/retry", null)
                        .status())
                .isEqualTo(404);
        // and the events after it still count once each
        api.post("/api/v1/orders", placeOrder(unique("o"), unique("c"), "CHF", 1, 1));
        awaitEveryProcessorAt(jdbc().queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class));
        assertThat(chf("orders")).isEqualTo(5);
        assertThat(chf("gmv")).isEqualTo(801);
    }

    /**
     * A rebuild reads the whole history, the event that cannot be handled included: the new generation sets it aside in
     * a queue of its own and reaches the head, and only then are readers switched over.
     */
    @Test
    void aRebuildGoesPastAnEventItCannotHandleAndSwitchesOnlyAtTheHead() {
        String poisoned = storeFarFutureOrder();
        api.post("/api/v1/orders", placeOrder(unique("o"), unique("c"), "NOK", 900, 1));
        long head = jdbc().queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);

        JsonNode job = api.succeededJob(
                api.post("/api/v1/admin/projections/insight/rebuild", ""), java.time.Duration.ofMinutes(3));

        int generation = job.path("result").path("generation").asInt();
        assertThat(job.path("result").path("events").asLong()).isGreaterThan(head);
        JsonNode letters = api.get("/api/v1/admin/dead-letters").json();
        assertThat(find(letters, poisoned, ProjectionNames.INSIGHT + "@" + generation))
                .as(letters.toString())
                .isNotNull();
        JsonNode overview = api.get("/api/v1/insights/overview?currency=NOK").json();
        assertThat(overview.path("currencies").path("NOK").path("orders").asLong())
                .isEqualTo(1);
        assertThat(overview.path("freshness").path("position").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(overview.path("freshness").path("quarantined").asLong()).isPositive();
    }

    private String storeFarFutureOrder() {
        String poisoned = unique("far");
        eventStore.publish(new GenericDomainEventMessage<>(
                "Order",
                poisoned,
                0L,
                new OrderPlacedEvent(
                        OrderId.of(poisoned),
                        CustomerId.of(unique("c")),
                        SellerId.of("seller-far"),
                        Channel.LIVE,
                        "DE",
                        List.of(new OrderLine("sku-1", "toys", 1, 100)),
                        Money.of(100, Currency.getInstance("USD")),
                        null,
                        Instant.parse("+999999999-12-31T23:59:59Z"))));
        return poisoned;
    }

    private long chf(String figure) {
        return api.get("/api/v1/insights/overview?currency=CHF")
                .json()
                .path("currencies")
                .path("CHF")
                .path(figure)
                .asLong();
    }

    /** Every streaming processor of this node, projections and side effects alike, has passed {@code head}. */
    private void awaitEveryProcessorAt(long head) {
        for (int attempt = 0; attempt < 600; attempt++) {
            boolean all = processing.eventProcessors().values().stream()
                    .filter(processor -> processor instanceof StreamingEventProcessor)
                    .map(processor -> ((StreamingEventProcessor) processor).processingStatus())
                    .allMatch(status -> !status.isEmpty()
                            && status.values().stream()
                                    .allMatch(segment ->
                                            segment.getCurrentPosition().orElse(-1) >= head));
            if (all) {
                return;
            }
            sleep();
        }
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                System.out.println(name + " " + streaming.processingStatus());
            }
        });
        throw new AssertionError("not every processor reached " + head);
    }

    private static JsonNode find(JsonNode letters, String aggregateId, String projection) {
        for (JsonNode letter : letters.path("items")) {
            if (aggregateId.equals(letter.path("aggregateId").asText())
                    && projection.equals(letter.path("projection").asText())) {
                return letter;
            }
        }
        return null;
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
