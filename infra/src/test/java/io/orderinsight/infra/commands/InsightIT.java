package io.orderinsight.infra.commands;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static io.orderinsight.infra.support.Commands.requestRefund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A known mix of orders, payments, refunds and cancellations in a currency no other test uses; every overview,
 * funnel and sales figure is checked against totals computed here from what was sent.
 */
class InsightIT extends ApplicationIT {

    @Test
    void reportsExactlyWhatWasSent() {
        Instant start = Instant.now();
        String o1 = unique("o");
        String o2 = unique("o");
        String o3 = unique("o");
        String o4 = unique("o");
        api.post("/api/v1/orders", """
                {"orderId":"%s","customerId":"c-insight","sellerId":"seller-1","currency":"CHF","channel":"LIVE",
                 "shippingCountry":"CH","items":[{"sku":"a","category":"toys","quantity":2,"unitPrice":1000},
                 {"sku":"b","category":"books","quantity":1,"unitPrice":500}]}
                """.formatted(o1));
        api.post("/api/v1/orders", placeOrder(o2, "c-insight", "CHF", 1000, 1));
        api.post("/api/v1/orders", placeOrder(o3, "c-insight", "CHF", 4000, 1));
        api.post("/api/v1/orders", placeOrder(o4, "c-insight", "CHF", 700, 1));

        String p1 = unique("p");
        api.post("/api/v1/payments", recordPayment(p1, o1, 2500, "CHF", "AUTHORIZED"));
        api.post("/api/v1/payments/" + p1 + "/capture", amount(2500));
        String r1 = unique("r");
        api.post("/api/v1/refunds", requestRefund(r1, o1, p1, 500));
        api.post("/api/v1/refunds/" + r1 + "/approval", null);
        api.post("/api/v1/refunds/" + r1 + "/completion", null);
        api.post("/api/v1/orders/" + o1 + "/shipment", "{\"carrier\":\"DHL\",\"trackingNumber\":\"1\"}");
        api.post("/api/v1/orders/" + o1 + "/delivery", null);

        api.post("/api/v1/payments", recordPayment(unique("p"), o2, 1000, "CHF", "DECLINED"));
        String p2 = unique("p");
        api.post("/api/v1/payments", recordPayment(p2, o2, 1000, "CHF", "AUTHORIZED"));
        api.post("/api/v1/payments/" + p2 + "/capture", amount(600));
        api.post("/api/v1/orders/" + o2 + "/shipment", "{\"carrier\":\"DHL\",\"trackingNumber\":\"2\"}");

        api.post("/api/v1/orders/" + o3 + "/cancellation", "{\"reason\":\"changed mind\"}");
        api.post("/api/v1/payments", recordPayment(unique("p"), o4, 700, "CHF", "AUTHORIZED"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertFigures(start));
    }

    /** Read models are eventually consistent: these figures hold once every event above has been projected. */
    private void assertFigures(Instant start) {
        JsonNode overview = api.get("/api/v1/insights/overview?currency=CHF").json();
        JsonNode chf = overview.path("currencies").path("CHF");
        assertThat(chf.path("orders").asLong()).isEqualTo(4);
        assertThat(chf.path("gmv").asLong()).isEqualTo(8200);
        assertThat(chf.path("captured").asLong()).isEqualTo(3100);
        assertThat(chf.path("netRevenue").asLong()).isEqualTo(2600);
        assertThat(chf.path("averageOrderValue").asLong()).isEqualTo(2050);
        assertThat(chf.path("declineRate").asDouble()).isCloseTo(0.25, within(1e-9));
        assertThat(chf.path("refundRate").asDouble()).isCloseTo(500.0 / 3100, within(1e-9));
        assertThat(chf.path("cancellationRate").asDouble()).isCloseTo(0.25, within(1e-9));
        assertThat(overview.path("unconverted").get(0).asText()).isEqualTo("CHF");

        JsonNode funnel =
                api.get("/api/v1/insights/funnel?currency=CHF&from=" + start).json();
        assertThat(funnel.path("placed").asLong()).isEqualTo(4);
        assertThat(funnel.path("authorized").asLong()).isEqualTo(3);
        assertThat(funnel.path("captured").asLong()).isEqualTo(2);
        assertThat(funnel.path("shipped").asLong()).isEqualTo(2);
        assertThat(funnel.path("delivered").asLong()).isEqualTo(1);

        JsonNode sales = api.get("/api/v1/insights/sales?currency=CHF&granularity=DAY&groupBy=category")
                .json();
        long toysGmv = 0;
        long toysCaptured = 0;
        long booksGmv = 0;
        long booksCaptured = 0;
        for (JsonNode bucket : sales.path("items")) {
            String category = bucket.path("group").path("category").asText();
            JsonNode figures = bucket.path("figures");
            if (category.equals("toys")) {
                toysGmv += figures.path("gmv").asLong();
                toysCaptured += figures.path("captured").asLong();
            } else if (category.equals("books")) {
                booksGmv += figures.path("gmv").asLong();
                booksCaptured += figures.path("captured").asLong();
            }
        }
        // by one dimension (its own documents) and by two (the group documents): the same sums
        for (String groupBy : List.of("channel", "country", "seller,channel")) {
            long gmv = 0;
            for (JsonNode bucket : api.get("/api/v1/insights/sales?currency=CHF&granularity=HOUR&groupBy=" + groupBy)
                    .json()
                    .path("items")) {
                gmv += bucket.path("figures").path("gmv").asLong();
                assertThat(bucket.path("group").size()).isEqualTo(groupBy.split(",").length);
            }
            assertThat(gmv).as("gmv grouped by " + groupBy).isEqualTo(8200);
        }
        // one bucket for the whole window: each member once, the same sums
        JsonNode totals = api.get("/api/v1/insights/sales?currency=CHF&granularity=TOTAL&groupBy=category")
                .json();
        assertThat(totals.path("items")).hasSize(2);
        for (JsonNode bucket : totals.path("items")) {
            assertThat(bucket.path("figures").path("gmv").asLong())
                    .isEqualTo(bucket.path("group").path("category").asText().equals("toys") ? 7700 : 500);
            assertThat(bucket.path("bucket").asText())
                    .isEqualTo(totals.path("items").get(0).path("bucket").asText());
        }
        assertThat(toysGmv).isEqualTo(7700);
        assertThat(booksGmv).isEqualTo(500);
        assertThat(toysCaptured + booksCaptured).isEqualTo(3100);
        assertThat(booksCaptured).isEqualTo(500);
    }

    /**
     * A pair the counters keep (read from the totals' pair sections) answers what the hourly group documents answer
     * when grouped with the seller too and summed over sellers (read by the other path), for every figure.
     */
    @Test
    void pairsKeptByTheCountersAgreeWithTheGroupDocuments() {
        String[][] orders = {
            {"LIVE", "DE", "toys", "seller-1"},
            {"LIVE", "FR", "books", "seller-2"},
            {"SHOP", "DE", "toys", "seller-2"},
            {"SHOP", "IT", "a|b.c", "seller-1"},
            {"VIDEO", "FR", "toys", "seller-3"}
        };
        for (int i = 0; i < orders.length; i++) {
            String order = unique("o");
            api.post(
                    "/api/v1/orders",
                    placeOrder(order, unique("c"), "HUF", 1_000L * (i + 1), 1)
                            .replace("\"LIVE\"", "\"" + orders[i][0] + "\"")
                            .replace("\"DE\"", "\"" + orders[i][1] + "\"")
                            .replace("\"toys\"", "\"" + orders[i][2] + "\"")
                            .replace("seller-1", orders[i][3]));
            String payment = unique("p");
            api.post("/api/v1/payments", recordPayment(payment, order, 1_000L * (i + 1), "HUF", "AUTHORIZED"));
            api.post("/api/v1/payments/" + payment + "/capture", amount(500));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/insights/overview?currency=HUF")
                                .json()
                                .path("currencies")
                                .path("HUF")
                                .path("captured")
                                .asLong()
                        == 2_500);

        for (String pair : List.of("country,channel", "country,category", "channel,category")) {
            Map<String, JsonNode> kept = new TreeMap<>();
            for (JsonNode bucket : sales("groupBy=" + pair)) {
                kept.put(bucket.path("group").toString(), bucket.path("figures"));
            }
            Map<String, Map<String, Long>> summed = new TreeMap<>();
            for (JsonNode bucket : sales("groupBy=seller," + pair)) {
                ObjectNode group = bucket.path("group").deepCopy();
                group.remove("seller");
                Map<String, Long> sums = summed.computeIfAbsent(group.toString(), key -> new TreeMap<>());
                bucket.path("figures")
                        .properties()
                        .forEach(figure ->
                                sums.merge(figure.getKey(), figure.getValue().asLong(), Long::sum));
            }
            assertThat(kept.keySet()).as(pair).isEqualTo(summed.keySet());
            assertThat(kept.keySet()).as(pair).hasSizeGreaterThanOrEqualTo(3);
            kept.forEach((group, figures) -> figures.properties()
                    .forEach(figure -> assertThat(figure.getValue().asLong())
                            .as(pair + " " + group + " " + figure.getKey())
                            .isEqualTo(summed.get(group).get(figure.getKey()))));
        }
    }

    private JsonNode sales(String grouping) {
        return api.get("/api/v1/insights/sales?currency=HUF&granularity=TOTAL&" + grouping)
                .json()
                .path("items");
    }

    @Test
    void showsSellerDisputeRatioAndCustomerRisk() {
        String seller = unique("seller");
        String customer = unique("c");
        String order = unique("o");
        String payment = unique("p");
        api.post("/api/v1/orders", placeOrder(order, customer, "USD", 1000, 1).replace("seller-1", seller));
        api.post("/api/v1/payments", recordPayment(unique("p"), order, 1000, "USD", "DECLINED"));
        api.post(
                "/api/v1/payments",
                recordPayment(payment, order, 1000, "USD", "AUTHORIZED").replace("fp-1", "fp-2"));
        api.post("/api/v1/payments/" + payment + "/capture", amount(1000));
        api.post(
                "/api/v1/payments/" + payment + "/disputes",
                "{\"disputeId\":\"d-1\",\"amount\":1000,\"reason\":\"fraud\"}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode kpis = api.get("/api/v1/insights/sellers/" + seller)
                    .json()
                    .path("currencies")
                    .path("USD");
            assertThat(kpis.path("orders").asLong()).isEqualTo(1);
            assertThat(kpis.path("captured").asLong()).isEqualTo(1000);
            assertThat(kpis.path("disputes").asLong()).isEqualTo(1);
            assertThat(kpis.path("disputeRatio").asDouble()).isEqualTo(1.0);
            assertThat(kpis.path("standing").asText()).isEqualTo("WARNING");
            // this month: 1 dispute over 1 captured payment; nothing captured the month before
            JsonNode radar = kpis.path("breachRadar");
            assertThat(radar.findValuesAsText("programme")).containsExactly("mastercard-ecm", "visa-vamp");
            assertThat(radar.get(0).path("status").asText()).isEqualTo("NO_DENOMINATOR");
            assertThat(radar.get(1).path("status").asText()).isEqualTo("BREACHED");
            assertThat(radar.get(1).path("daysUntilBreach").asInt()).isZero();
            assertThat(radar.get(1).path("projectedRatio").asDouble()).isEqualTo(1.0);
            JsonNode risk = api.get("/api/v1/customers/" + customer + "/risk").json();
            assertThat(risk.path("declines").asLong()).isEqualTo(1);
            assertThat(risk.path("disputes").asLong()).isEqualTo(1);
            assertThat(risk.path("distinctCards").asInt()).isEqualTo(2);
        });
        assertThat(api.get("/api/v1/customers/nobody/risk").code()).isEqualTo("CUSTOMER_NOT_FOUND");
    }

    @Test
    void refusesBadInsightParametersNamingTheField() {
        for (String[] bad : new String[][] {
            {"/api/v1/insights/sales?granularity=WEEK", "granularity"},
            {"/api/v1/insights/sales?groupBy=color", "groupBy"},
            {"/api/v1/insights/overview?currency=ZZZ", "currency"},
            {"/api/v1/insights/funnel?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from"}
        }) {
            Reply reply = api.get(bad[0]);
            assertThat(reply.status()).as(bad[0]).isEqualTo(400);
            assertThat(reply.json().path("errors").get(0).path("field").asText())
                    .isEqualTo(bad[1]);
        }
    }
}
