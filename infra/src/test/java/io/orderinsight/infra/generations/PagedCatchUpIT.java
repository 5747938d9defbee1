package io.orderinsight.infra.generations;

import static io.orderinsight.infra.generations.ProjectionRebuildIT.awaitVisible;
import static io.orderinsight.infra.generations.ProjectionRebuildIT.paidOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.SellerId;
import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.RunningApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A projection far behind the head catches up in pages before its processor takes over: after a restart on an empty
 * in-memory read store (both live projections, claimed before Axon starts their processors) and in a blue/green
 * rebuild of each. The pages go through the processors' own handlers: the read models come out as the processors made
 * them (the overview, every order, a drift check of the rebuilt views against a fresh replay), and an event that
 * cannot be handled is set aside in the rebuilt generation's dead-letter queue. Pages are made small here so that a short
 * history spans many of them.
 */
class PagedCatchUpIT {

    private static final String[] SMALL_PAGES = {
        "--orderinsight.projections.catch-up.threshold=30", "--orderinsight.projections.catch-up.page-size=16"
    };

    @TempDir
    Path dataDir;

    @Test
    void catchesUpInPagesAfterARestartAndInARebuild() {
        List<String> orders = new ArrayList<>();
        JsonNode before;
        try (RunningApplication app = RunningApplication.start(dataDir, SMALL_PAGES)) {
            Api api = app.api();
            for (int i = 0; i < 25; i++) {
                paidOrder(api, "o-paged-" + i, orders);
            }
            awaitVisible(api, orders);
            before = awaitOverview(api, 25);
            assertThat(caughtUp(app, "views"))
                    .as("nothing to catch up at the first start")
                    .isZero();
        }

        // the read models were in memory: the live generations start from nothing, every event behind
        try (RunningApplication app = RunningApplication.start(dataDir, SMALL_PAGES)) {
            Api api = app.api();
            awaitVisible(api, orders);
            assertThat(awaitOverview(api, 25)).isEqualTo(before);
            assertThat(caughtUp(app, "views")).isPositive();
            assertThat(caughtUp(app, "insight")).isPositive();

            JsonNode views =
                    api.succeededJob(api.post("/api/v1/admin/projections/views/rebuild", ""), Duration.ofMinutes(2));
            assertThat(views.path("result").path("generation").asInt()).isEqualTo(2);
            assertThat(caughtUp(app, "views@2")).isPositive();
            awaitVisible(api, orders);
            JsonNode drift = api.succeededJob(
                            api.post("/api/v1/admin/projections/views/drift", ""), Duration.ofMinutes(1))
                    .path("result");
            assertThat(drift.path("drifted").asBoolean()).as(drift.toString()).isFalse();

            String poisoned = storeFarFutureOrder(app);
            JsonNode insight =
                    api.succeededJob(api.post("/api/v1/admin/projections/insight/rebuild", ""), Duration.ofMinutes(2));
            assertThat(insight.path("result").path("generation").asInt()).isEqualTo(2);
            assertThat(caughtUp(app, "insight@2")).isPositive();
            JsonNode letters = api.get("/api/v1/admin/dead-letters").json();
            assertThat(letters.path("items")).as(letters.toString()).anySatisfy(letter -> {
                assertThat(letter.path("aggregateId").asText()).isEqualTo(poisoned);
                assertThat(letter.path("projection").asText()).isEqualTo("insight@2");
            });
            assertThat(awaitOverview(api, 25)).isEqualTo(before);
        }
    }

    /** How many events catch-ups in pages applied for {@code processor} on this node. */
    private static double caughtUp(RunningApplication app, String processor) {
        Counter counter = app.context()
                .getBean(MeterRegistry.class)
                .find("orderinsight.projections.catch-up.events")
                .tag("processor", processor)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * The USD figures of the overview once it counts {@code orders} orders, each captured in full (1,000 each): an
     * order's capture can be counted a moment after the order itself.
     */
    private static JsonNode awaitOverview(Api api, long orders) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode usd = usd(api);
            return usd.path("orders").asLong() == orders && usd.path("captured").asLong() == orders * 1_000;
        });
        return usd(api);
    }

    private static JsonNode usd(Api api) {
        return api.get("/api/v1/insights/overview?currency=USD")
                .json()
                .path("currencies")
                .path("USD");
    }

    /** An order placed at a time the counters cannot bucket: their handler fails on it (the views take it). */
    private static String storeFarFutureOrder(RunningApplication app) {
        String poisoned = "o-far-future";
        app.context()
                .getBean(EventStore.class)
                .publish(new GenericDomainEventMessage<>(
                        "Order",
                        poisoned,
                        0L,
                        new OrderPlacedEvent(
                                OrderId.of(poisoned),
                                CustomerId.of("c-far-future"),
                                SellerId.of("seller-far"),
                                Channel.LIVE,
                                "DE",
                                List.of(new OrderLine("sku-1", "toys", 1, 100)),
                                Money.of(100, Currency.getInstance("EUR")),
                                null,
                                Instant.parse("+999999999-12-31T23:59:59Z"))));
        return poisoned;
    }
}
