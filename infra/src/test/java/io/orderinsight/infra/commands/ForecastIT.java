package io.orderinsight.infra.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.query.ForecastQueries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Nine days of hourly orders in a currency of this test alone, with a known daily curve (the evening's orders worth
 * more), sent through the command API with past {@code occurredAt}: the forecast of the next day follows the curve, with
 * bands around it, names its model and fit, and is read from the kept fit the second time; a currency without history
 * gets the reason and no numbers; bad parameters are 400 naming the field.
 */
class ForecastIT extends ApplicationIT {

    private static final String CURRENCY = "NZD";

    @Autowired
    private ForecastQueries forecasts;

    /** The curve: 10.00 an order, 25.00 from 18:00 to 21:59 UTC. */
    private static long price(Instant hour) {
        int at = hour.atZone(ZoneOffset.UTC).getHour();
        return at >= 18 && at < 22 ? 2_500 : 1_000;
    }

    @Test
    void forecastsTheNextDayFromTheStoredHistory() throws InterruptedException {
        // the fit ends at the current hour's start: seed and ask within one hour, so that the last hour fitted is
        // seeded
        Instant next = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        if (Duration.between(Instant.now(), next).toSeconds() < 40) {
            Thread.sleep(Duration.between(Instant.now(), next).toMillis() + 1_000);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant first = now.minus(9, ChronoUnit.DAYS);
        for (Instant hour = first; hour.isBefore(now); hour = hour.plus(1, ChronoUnit.HOURS)) {
            String order = unique("o");
            var placed = api.post(
                    "/api/v1/orders", """
                    {"orderId":"%s","customerId":"%s","sellerId":"s-forecast","currency":"%s","channel":"SHOP",
                     "shippingCountry":"NZ","occurredAt":"%s",
                     "items":[{"sku":"sku-1","category":"toys","quantity":1,"unitPrice":%d}]}
                    """.formatted(order, unique("c"), CURRENCY, hour.plusSeconds(300), price(hour)));
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode sales = api.get("/api/v1/insights/overview?currency=" + CURRENCY + "&from=" + first)
                    .json();
            assertThat(sales.path("currencies").path(CURRENCY).path("orders").asLong())
                    .isEqualTo(9 * 24);
        });
        JsonNode forecast = get("metric=gmv&currency=" + CURRENCY + "&horizon=24");
        assertThat(forecast.path("model").path("fitTo").asText()).isEqualTo(now.toString());
        assertThat(forecast.has("reason")).as(forecast.toString()).isFalse();
        JsonNode model = forecast.path("model");
        assertThat(model.path("name").asText()).isEqualTo("seasonal-ols");
        assertThat(model.path("observations").asInt()).isEqualTo(9 * 24);
        assertThat(model.path("parameters").asInt()).isEqualTo(31);
        assertThat(model.path("holdoutBuckets").asInt()).isEqualTo(24);
        assertThat(model.path("cached").asBoolean()).isFalse();
        JsonNode points = forecast.path("points");
        assertThat(points).hasSize(24);
        for (JsonNode point : points) {
            Instant bucket = Instant.parse(point.path("bucket").asText());
            // a curve the model's hour effects hold exactly: the forecast is the curve, the bands close around it
            assertThat(point.path("forecast").asDouble()).as(bucket.toString()).isCloseTo(price(bucket), within(1.0));
            assertThat(point.path("lower95").asDouble())
                    .isLessThanOrEqualTo(point.path("lower80").asDouble());
            assertThat(point.path("lower80").asDouble())
                    .isLessThanOrEqualTo(point.path("forecast").asDouble());
            assertThat(point.path("upper80").asDouble())
                    .isGreaterThanOrEqualTo(point.path("forecast").asDouble());
            assertThat(point.path("upper95").asDouble())
                    .isGreaterThanOrEqualTo(point.path("upper80").asDouble());
        }
        assertThat(Instant.parse(points.get(0).path("bucket").asText()))
                .isEqualTo(Instant.parse(model.path("fitTo").asText()));
        assertThat(model.path("holdoutWape").asDouble()).isLessThan(0.01);

        JsonNode again = get("metric=gmv&currency=" + CURRENCY + "&horizon=24");
        assertThat(again.path("model").path("cached").asBoolean()).isTrue();
        assertThat(get("metric=orders&currency=" + CURRENCY + "&horizon=3&granularity=HOUR")
                        .path("points"))
                .hasSize(3);

        // the background refresh: once it has run, every series asked has its fit for the current hour; once the hour
        // completes each is refitted (gmv and orders here, any other test's beside them), once
        forecasts.refresh(Instant.now());
        assertThat(forecasts.refresh(Instant.now())).isZero();
        Instant nextHour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        assertThat(forecasts.refresh(nextHour)).isGreaterThanOrEqualTo(2);
        assertThat(forecasts.refresh(nextHour)).isZero();
    }

    @Test
    void answersTooLittleHistoryWithTheReasonAndNoNumbers() {
        JsonNode forecast = get("metric=orders&currency=ISK");
        assertThat(forecast.path("reason").asText()).contains("too little history");
        assertThat(forecast.path("points")).isEmpty();
        assertThat(forecast.has("model")).isFalse();
        assertThat(get("metric=orders&currency=ISK&granularity=DAY&horizon=7")
                        .path("reason")
                        .asText())
                .contains("3 weeks");
    }

    @Test
    void refusesBadParametersNamingTheField() {
        assertRefused("currency=NZD", "metric");
        assertRefused("metric=declineRate", "metric");
        assertRefused("metric=gmv&granularity=WEEK", "granularity");
        assertRefused("metric=gmv&horizon=0", "horizon");
        assertRefused("metric=gmv&horizon=1000", "horizon");
        assertRefused("metric=gmv&currency=XX", "currency");
    }

    private JsonNode get(String parameters) {
        var reply = api.get("/api/v1/insights/forecast?" + parameters);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private void assertRefused(String parameters, String field) {
        var reply = api.get("/api/v1/insights/forecast?" + parameters);
        assertThat(reply.status()).as(parameters).isEqualTo(400);
        assertThat(reply.body()).as(parameters).contains("\"" + field + "\"");
    }
}
