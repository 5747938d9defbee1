package io.orderinsight.infra.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.ApplicationIT;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Orders in two past hours of their own (by {@code occurredAt}), in euros and yen, by sellers of this test alone:
 * attribution's parts add up exactly to the overview's difference between the hours, per currency and combined in
 * dollars; each seller's figures are what was sent; rates split into mix and rate effects that add up to the change
 * of the overview's rate; counts by category say they overlap; bad parameters are 400 naming the field.
 */
class AttributionIT extends ApplicationIT {

    private static final Instant BASELINE = Instant.parse("2003-05-06T10:00:00Z");
    private static final Instant WINDOW = Instant.parse("2003-05-06T11:00:00Z");
    private static final Instant END = Instant.parse("2003-05-06T12:00:00Z");

    private final String a = unique("attr-a");
    private final String b = unique("attr-b");
    private final String c = unique("attr-c");
    private final String d = unique("attr-d");

    @Test
    void splitsTheChangeBetweenTwoHoursBySellerExactly() {
        // the baseline hour: a sells twice in euros, b once in yen, c once in euros
        order(a, "EUR", 1_000, BASELINE.plusSeconds(60), "toys", "AUTHORIZED");
        order(a, "EUR", 1_001, BASELINE.plusSeconds(120), "books", "DECLINED");
        order(b, "JPY", 999, BASELINE.plusSeconds(180), "toys", "AUTHORIZED");
        order(c, "EUR", 333, BASELINE.plusSeconds(240), "toys", "DECLINED");
        // the window's hour: a sells more, b twice, c not at all, d for the first time
        order(a, "EUR", 1_501, WINDOW.plusSeconds(60), "toys", "AUTHORIZED");
        order(b, "JPY", 1_999, WINDOW.plusSeconds(120), "toys", "DECLINED");
        order(b, "JPY", 1, WINDOW.plusSeconds(180), "books", "AUTHORIZED");
        order(d, "EUR", 777, WINDOW.plusSeconds(240), "toys", "AUTHORIZED");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(this::assertGmvBySeller);
        assertDeclineRateBySeller();
        assertOrdersByCategory();
    }

    private void assertGmvBySeller() {
        JsonNode answer = attribution("metric=gmv&by=seller&top=2");
        assertThat(answer.path("additive").asBoolean()).isTrue();
        assertThat(answer.path("baselineFrom").asText()).isEqualTo(BASELINE.toString());
        JsonNode eur = answer.path("currencies").path("EUR");
        // every seller of these hours is this test's, so the currency's figures are what was sent
        assertThat(eur.path("baseline").asLong()).isEqualTo(1_000 + 1_001 + 333);
        assertThat(eur.path("value").asLong()).isEqualTo(1_501 + 777);
        assertThat(eur.path("change").asLong()).isEqualTo(overviewDifference("EUR", "gmv"));
        assertThat(sumOfParts(eur)).isEqualTo(eur.path("change").asLong());
        // ranked by size: d (+777) and a (−500) listed, c (−333) folded
        assertThat(eur.path("contributions")
                        .get(0)
                        .path("member")
                        .path("seller")
                        .asText())
                .isEqualTo(d);
        assertThat(eur.path("contributions").get(0).path("change").asLong()).isEqualTo(777);
        assertThat(eur.path("contributions")
                        .get(1)
                        .path("member")
                        .path("seller")
                        .asText())
                .isEqualTo(a);
        assertThat(eur.path("contributions").get(1).path("baseline").asLong()).isEqualTo(2_001);
        assertThat(eur.path("other").path("members").asInt()).isEqualTo(1);
        assertThat(eur.path("other").path("change").asLong()).isEqualTo(-333);
        JsonNode jpy = answer.path("currencies").path("JPY");
        assertThat(jpy.path("change").asLong()).isEqualTo(1_001);
        // combined in dollars: each currency's total converted and rounded as the overview does, and the parts add up
        JsonNode combined = answer.path("combined");
        assertThat(answer.path("reportingCurrency").asText()).isEqualTo("USD");
        assertThat(combined.path("change").asLong()).isEqualTo(overviewDifference(null, "gmv"));
        assertThat(sumOfParts(combined)).isEqualTo(combined.path("change").asLong());
        assertThat(answer.path("freshness").path("position").asLong()).isPositive();
    }

    private void assertDeclineRateBySeller() {
        JsonNode answer = attribution("metric=declineRate&by=seller&currency=EUR");
        JsonNode eur = answer.path("currencies").path("EUR");
        // baseline: 2 declined of 3 attempts; window: none of 2
        assertThat(eur.path("baseline").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(eur.path("value").asDouble()).isCloseTo(0, within(1e-9));
        assertThat(eur.path("change").asDouble()).isCloseTo(overviewRateDifference("EUR"), within(1e-9));
        double sum = 0;
        for (JsonNode part : eur.path("contributions")) {
            assertThat(part.path("mix").asDouble() + part.path("rate").asDouble())
                    .isCloseTo(part.path("change").asDouble(), within(1e-12));
            sum += part.path("change").asDouble();
        }
        assertThat(sum).isCloseTo(eur.path("change").asDouble(), within(1e-12));
        assertThat(answer.path("method").asText()).contains("mix effect");
    }

    private void assertOrdersByCategory() {
        JsonNode answer = attribution("metric=orders&by=category&currency=EUR");
        assertThat(answer.path("additive").asBoolean()).isFalse();
        assertThat(answer.path("method").asText()).contains("overlap");
        assertThat(answer.path("currencies").path("EUR").has("other")).isFalse();
        // money by category is split by line value, and adds up
        JsonNode money = attribution("metric=gmv&by=category,country&currency=EUR");
        assertThat(money.path("additive").asBoolean()).isTrue();
        assertThat(sumOfParts(money.path("currencies").path("EUR"))).isEqualTo(overviewDifference("EUR", "gmv"));
    }

    @Test
    void refusesBadParametersNamingTheField() {
        assertRefused("by=seller&from=" + WINDOW + "&to=" + END, "metric");
        assertRefused("metric=profit&by=seller&from=" + WINDOW + "&to=" + END, "metric");
        assertRefused("metric=gmv&from=" + WINDOW + "&to=" + END, "by");
        assertRefused("metric=gmv&by=seller,planet&from=" + WINDOW + "&to=" + END, "by");
        assertRefused("metric=gmv&by=seller,channel,country&from=" + WINDOW + "&to=" + END, "by");
        // a pair the counters do not keep
        assertRefused("metric=gmv&by=seller,channel&from=" + WINDOW + "&to=" + END, "by");
        assertRefused("metric=gmv&by=seller&to=" + END, "from");
        assertRefused("metric=gmv&by=seller&from=" + WINDOW + "&to=" + END + "&baselineFrom=" + BASELINE, "baselineTo");
        assertRefused(
                "metric=gmv&by=seller&from=" + WINDOW + "&to=" + END + "&baselineFrom=yesterday&baselineTo=" + WINDOW,
                "baselineFrom");
        assertRefused("metric=gmv&by=seller&from=" + WINDOW + "&to=" + END + "&top=0", "top");
    }

    @Test
    void isDescribedInTheApiDocument() {
        JsonNode get = api.get("/v3/api-docs")
                .json()
                .path("paths")
                .path("/api/v1/insights/attribution")
                .path("get");
        assertThat(get.path("parameters").toString())
                .contains("\"metric\"", "\"by\"", "\"baselineFrom\"", "\"baselineTo\"", "\"top\"");
        assertThat(get.path("responses").path("200").toString()).contains("AttributionResponse");
    }

    private void assertRefused(String parameters, String field) {
        var reply = api.get("/api/v1/insights/attribution?" + parameters);
        assertThat(reply.status()).as(parameters).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).as(parameters).contains("\"" + field + "\"");
    }

    private JsonNode attribution(String parameters) {
        var reply = api.get("/api/v1/insights/attribution?" + parameters + "&from=" + WINDOW + "&to=" + END);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private long overviewDifference(String currency, String figure) {
        return overview(WINDOW, END, currency).path(figure).asLong()
                - overview(BASELINE, WINDOW, currency).path(figure).asLong();
    }

    private double overviewRateDifference(String currency) {
        return overview(WINDOW, END, currency).path("declineRate").asDouble()
                - overview(BASELINE, WINDOW, currency).path("declineRate").asDouble();
    }

    private JsonNode overview(Instant from, Instant to, String currency) {
        JsonNode overview = api.get("/api/v1/insights/overview?from=" + from + "&to=" + to
                        + (currency == null ? "" : "&currency=" + currency))
                .json();
        return currency == null
                ? overview.path("combined")
                : overview.path("currencies").path(currency);
    }

    private static long sumOfParts(JsonNode change) {
        long sum = 0;
        for (JsonNode part : change.path("contributions")) {
            sum += part.path("change").asLong();
        }
        return sum + change.path("other").path("change").asLong();
    }

    /** One order of one line, and one payment of its amount with {@code outcome}, both at {@code at}. */
    private void order(String seller, String currency, long price, Instant at, String category, String outcome) {
        String order = unique("o");
        String customer = unique("c");
        var placed = api.post("/api/v1/orders", """
                        {"orderId":"%s","customerId":"%s","sellerId":"%s","currency":"%s","channel":"SHOP",
                         "shippingCountry":"DE","occurredAt":"%s",
                         "items":[{"sku":"sku-1","category":"%s","quantity":1,"unitPrice":%d}]}
                        """.formatted(order, customer, seller, currency, at, category, price));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        var paid = api.post("/api/v1/payments", """
                {"paymentId":"%s","orderId":"%s","amount":%d,"currency":"%s","method":"CARD","outcome":"%s",
                 "cardFingerprint":"%s","occurredAt":"%s"}
                """.formatted(
                        unique("p"), order, price, currency, outcome, unique("fp"), at.plusSeconds(1)));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
    }
}
