package io.orderinsight.infra.generations;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The insight counters split into more segments and merged back while orders come in, through the admin endpoints:
 * every order counted once; the endpoints' refusals.
 */
class SegmentSplitIT extends ApplicationIT {

    private static final String CURRENCY = "CZK";

    @Test
    void splitsAndMergesTheCountersSegmentsWhileOrdersComeInAndCountsEachOnce() {
        long before = orders();
        int placed = place(5);
        Reply split = api.post("/api/v1/admin/projections/insight/segments/0/split", "");
        assertThat(split.status()).as(split.body()).isEqualTo(200);
        List<Integer> afterSplit = ids(split.json().path("segments"));
        assertThat(afterSplit).hasSize(5).contains(0, 4);
        assertThat(split.json().path("operation").asText()).isEqualTo("split");

        placed += place(5);
        Reply merge = api.post("/api/v1/admin/projections/insight/segments/4/merge", "");
        assertThat(merge.status()).as(merge.body()).isEqualTo(200);
        assertThat(ids(merge.json().path("segments"))).containsExactly(0, 1, 2, 3);
        placed += place(5);

        long expected = before + placed;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode currency = overview();
            assertThat(currency.path("orders").asLong()).isEqualTo(expected);
            assertThat(currency.path("gmv").asLong()).isEqualTo(expected * 300L);
        });
        Reply conflicts = api.get(
                "/actuator/metrics/orderinsight.projections.write.conflicts?tag=projection:insight&tag=outcome:retried");
        assertThat(conflicts.status()).as(conflicts.body()).isEqualTo(200);
        assertThat(conflicts.json().path("measurements").get(0).path("value").asDouble())
                .isNotNegative();
    }

    @Test
    void refusesAnUnknownSegmentOrProjection() {
        Reply unknownSegment = api.post("/api/v1/admin/projections/insight/segments/99/split", "");
        assertThat(unknownSegment.status()).isEqualTo(400);
        assertThat(unknownSegment.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(unknownSegment.json().path("errors").get(0).path("field").asText())
                .isEqualTo("segment");

        Reply unknownProjection = api.post("/api/v1/admin/projections/nothing/segments/0/merge", "");
        assertThat(unknownProjection.status()).isEqualTo(404);
        assertThat(unknownProjection.code()).isEqualTo("PROJECTION_NOT_FOUND");
    }

    private JsonNode overview() {
        return api.get("/api/v1/insights/overview?currency=" + CURRENCY)
                .json()
                .path("currencies")
                .path(CURRENCY);
    }

    private long orders() {
        return overview().path("orders").asLong();
    }

    private int place(int orders) {
        for (int i = 0; i < orders; i++) {
            Reply placed = api.post("/api/v1/orders", placeOrder(unique("split"), unique("c"), CURRENCY, 300, 1));
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        }
        return orders;
    }

    private static List<Integer> ids(JsonNode segments) {
        List<Integer> ids = new ArrayList<>();
        segments.forEach(segment -> ids.add(segment.asInt()));
        return ids;
    }
}
