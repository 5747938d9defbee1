package io.orderinsight.infra.mongo;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.ApplicationIT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.util.unit.DataSize;

/** Whether the read models fit in the heap: health shows the figures, and what to do when they would not fit. */
class ReadModelMemoryIT extends ApplicationIT {

    @Test
    void healthShowsTheHeapTheReadModelsOfTheStoredEventsNeed() {
        api.post("/api/v1/orders", placeOrder(unique("o"), unique("c"), "USD", 100, 1));
        long head = jdbc().queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);

        JsonNode memory = api.get("/actuator/health").json().path("components").path("readModelMemory");

        assertThat(memory.path("status").asText()).isEqualTo("UP");
        JsonNode details = memory.path("details");
        assertThat(details.path("backend").asText()).isEqualTo("memory");
        assertThat(details.path("storedEvents").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(details.path("heapPerMillionEventsMiB").asLong()).isPositive();
        assertThat(details.path("maxHeapMiB").asLong())
                .isEqualTo(Runtime.getRuntime().maxMemory() >> 20);
        assertThat(details.path("allowedMiB").asLong())
                .isLessThan(details.path("maxHeapMiB").asLong());
        assertThat(details.has("choices")).isFalse();
    }

    @Test
    void readModelsThatWouldNotFitAreSaidSoWithTheChoices() {
        long maxHeap = DataSize.ofMegabytes(4096).toBytes();
        ReadModelMemory tooMany =
                new ReadModelMemory("memory", DataSize.ofMegabytes(3600), maxHeap, () -> 2_000_000).checkAtStart();

        Health health = tooMany.health();

        assertThat(health.getStatus()).isEqualTo(ReadModelMemory.HEAP_SHORT);
        assertThat(health.getDetails())
                .containsEntry("storedEvents", 2_000_000L)
                .containsEntry("neededMiB", 7200L)
                .containsEntry("allowedMiB", 3072L)
                .containsEntry("choices", ReadModelMemory.CHOICES);
        // an event store that cannot be asked (an Axon Server not reachable) stops nothing: health cannot tell yet
        ReadModelMemory unreachable = new ReadModelMemory("memory", DataSize.ofMegabytes(3600), maxHeap, () -> {
                    throw new IllegalStateException("UNAVAILABLE");
                })
                .checkAtStart();
        assertThat(unreachable.health().getStatus().getCode()).isEqualTo("UNKNOWN");
        assertThat(unreachable.health().getDetails().get("reason").toString()).contains("UNAVAILABLE");
        // off the heap, the same history needs no heap for its read models
        assertThat(new ReadModelMemory("file", DataSize.ofMegabytes(3600), maxHeap, () -> 2_000_000)
                        .health()
                        .getStatus()
                        .getCode())
                .isEqualTo("UP");
    }
}
