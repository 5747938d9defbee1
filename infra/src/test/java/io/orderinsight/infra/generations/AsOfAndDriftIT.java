package io.orderinsight.infra.generations;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static io.orderinsight.infra.support.Commands.requestRefund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.projections.order.OrderViewProjection;
import io.orderinsight.projections.support.ProjectionNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The overview as it stood at a recorded time, rebuilt in isolation and compared with today's; and the drift check
 * of a projection against a fresh rebuild, clean and after its live documents were tampered with.
 */
class AsOfAndDriftIT extends ApplicationIT {

    @Autowired
    private MongoDatabase readModels;

    @Autowired
    private GenerationPointers generations;

    @Test
    void rebuildsTheOverviewAsItStoodAtATimeAndComparesItWithToday() throws Exception {
        String run = unique("asof");
        for (int i = 0; i < 3; i++) {
            paidOrder(run + "-before-" + i, 2_000);
        }
        awaitOverviewOrders(3);
        Thread.sleep(50);
        Instant asOf = Instant.now();
        Thread.sleep(50);
        for (int i = 0; i < 2; i++) {
            paidOrder(run + "-after-" + i, 5_000);
        }
        assertThat(api.post(
                                "/api/v1/refunds",
                                requestRefund(run + "-r", run + "-before-0", "p-" + run + "-before-0", 500))
                        .status())
                .isEqualTo(201);
        awaitOverviewOrders(5);

        JsonNode result = job(api.get("/api/v1/audit/insights/overview?currency=NOK&compare=true&asOf=" + asOf));
        JsonNode then = result.path("overview").path("currencies").path("NOK");
        assertThat(then.path("orders").asLong()).as(result.toString()).isEqualTo(3);
        assertThat(then.path("gmv").asLong()).isEqualTo(6_000);
        assertThat(then.path("captured").asLong()).isEqualTo(6_000);
        JsonNode today = result.path("today").path("currencies").path("NOK");
        assertThat(today.path("orders").asLong()).isEqualTo(5);
        JsonNode change = result.path("difference").path("currencies").path("NOK");
        assertThat(change.path("orders").asLong()).isEqualTo(2);
        assertThat(change.path("gmv").asLong()).isEqualTo(10_000);
        assertThat(change.path("captured").asLong()).isEqualTo(10_000);
        // the scratch collections are gone
        List<String> names = readModels.listCollectionNames().into(new ArrayList<>());
        assertThat(names).noneMatch(name -> name.contains("_tmp_"));

        assertThat(api.get("/api/v1/audit/insights/overview").code()).isEqualTo("VALIDATION_FAILED");
        Reply malformed = api.get("/api/v1/audit/insights/overview?asOf=yesterday");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void findsNoDriftInAHealthyProjectionAndEachTamperedDocumentInADriftedOne() {
        String run = unique("drift");
        paidOrder(run + "-a", 1_000, "DKK");
        paidOrder(run + "-b", 1_000, "DKK");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/payments/p-" + run + "-b")
                                .json()
                                .path("captured")
                                .asLong()
                        == 1_000);

        JsonNode clean = job(api.post("/api/v1/admin/projections/views/drift", ""));
        assertThat(clean.path("drifted").asBoolean()).as(clean.toString()).isFalse();
        assertThat(clean.path("differences").asInt()).isZero();

        String collection = generations.live(ProjectionNames.VIEWS).collection(OrderViewProjection.COLLECTION);
        Document original = readModels
                .getCollection(collection)
                .find(Filters.eq("_id", run + "-a"))
                .first();
        assertThat(original).isNotNull();
        readModels.getCollection(collection).updateOne(Filters.eq("_id", run + "-a"), Updates.set("status", "FORGED"));
        readModels.getCollection(collection).deleteOne(Filters.eq("_id", run + "-b"));
        try {
            JsonNode drifted = job(api.post("/api/v1/admin/projections/views/drift", ""));
            assertThat(drifted.path("drifted").asBoolean()).isTrue();
            List<String> found = new ArrayList<>();
            drifted.path("samples")
                    .forEach(sample -> found.add(sample.path("id").asText() + " "
                            + sample.path("kind").asText() + " " + sample.path("fields")));
            assertThat(found).containsExactlyInAnyOrder(run + "-a DIFFERENT [\"status\"]", run + "-b MISSING []");
        } finally {
            readModels.getCollection(collection).replaceOne(Filters.eq("_id", run + "-a"), original);
        }

        assertThat(api.post("/api/v1/admin/projections/no-such-view/drift", "").code())
                .isEqualTo("PROJECTION_NOT_FOUND");
    }

    private void paidOrder(String order, long amount) {
        paidOrder(order, amount, "NOK");
    }

    private void paidOrder(String order, long amount, String currency) {
        String payment = "p-" + order;
        assertThat(api.post("/api/v1/orders", placeOrder(order, "c-" + order, currency, amount, 1))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/payments", recordPayment(payment, order, amount, currency, "AUTHORIZED"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/payments/" + payment + "/capture", amount(amount))
                        .status())
                .isEqualTo(200);
    }

    private long overviewOrders() {
        return api.get("/api/v1/insights/overview?currency=NOK")
                .json()
                .path("currencies")
                .path("NOK")
                .path("orders")
                .asLong();
    }

    /** Waits until the overview shows {@code count} orders (only the as-of test uses NOK). */
    private void awaitOverviewOrders(long count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> overviewOrders() >= count);
    }

    private JsonNode job(Reply accepted) {
        return api.succeededJob(accepted, Duration.ofSeconds(90)).path("result");
    }
}
