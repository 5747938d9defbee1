package io.orderinsight.infra.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.kafka.EmbeddedKafka;
import io.orderinsight.infra.kafka.KafkaRecords;
import io.orderinsight.infra.kafka.KafkaSettings;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.infra.support.TestKeys;
import io.orderinsight.query.AnomalyDetector;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Nine days of steady hourly orders in a currency of this test alone, sent with past {@code occurredAt}, then an hour
 * with none: the orders-drop rule (its minimum volume lowered by the risk team to fit the test's two orders an hour)
 * raises one alert on that hour's market, with the hour, its band and the actual figure as evidence, listed under
 * {@code /api/v1/alerts} with its rule's version; judging the hour again raises nothing new.
 */
class AnomalyIT extends ApplicationIT {

    private static final String CURRENCY = "SGD";
    private static final Duration GRACE = Duration.ofMinutes(5);

    @Autowired
    private AnomalyDetector detector;

    @Autowired
    private EmbeddedKafka broker;

    @Autowired
    private KafkaSettings settings;

    @Test
    void aDroppedHourIsAnAlertOnItsMarket() throws InterruptedException {
        // the hour judged is the latest whose end the grace period has passed: stay within one such hour
        Instant boundary =
                Instant.now().minus(GRACE).truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        if (Duration.between(Instant.now().minus(GRACE), boundary).toSeconds() < 60) {
            Thread.sleep(Duration.between(Instant.now().minus(GRACE), boundary).toMillis() + 1_000);
        }
        Instant dropped =
                Instant.now().minus(GRACE).truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        var changed = api.as(TestKeys.BY_ROLE.get("RISK"))
                .put(
                        "/api/v1/risk/rules/anomaly-orders-drop",
                        "{\"thresholds\":{\"band\":\"0.99\",\"min-volume\":\"1\",\"min-deviation\":\"0.30\"}}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        long version = changed.version();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> rule("anomaly-orders-drop").path("version").asLong() == version);

        int orders = 0;
        for (Instant hour = dropped.minus(9, ChronoUnit.DAYS);
                hour.isBefore(dropped);
                hour = hour.plus(1, ChronoUnit.HOURS)) {
            for (int i = 0; i < 2; i++) {
                var placed = api.post("/api/v1/orders", """
                        {"orderId":"%s","customerId":"%s","sellerId":"s-anomaly","currency":"%s","channel":"SHOP",
                         "shippingCountry":"SG","occurredAt":"%s",
                         "items":[{"sku":"sku-1","category":"toys","quantity":1,"unitPrice":1000}]}
                        """.formatted(
                                unique("o"), unique("c"), CURRENCY, hour.plusSeconds(60L + i * 600)));
                assertThat(placed.status()).as(placed.body()).isEqualTo(201);
                orders++;
            }
        }
        int sent = orders;
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/v1/insights/overview?currency=" + CURRENCY + "&from="
                                        + dropped.minus(10, ChronoUnit.DAYS))
                                .json()
                                .path("currencies")
                                .path(CURRENCY)
                                .path("orders")
                                .asLong()
                        == sent);

        // what the schedule runs every minute
        detector.judge();
        JsonNode alert = await().atMost(Duration.ofSeconds(20))
                .until(() -> market("anomaly-orders-drop"), found -> found != null);

        assertThat(alert.path("subjectType").asText()).isEqualTo("MARKET");
        assertThat(alert.path("ruleVersion").asLong()).isEqualTo(version);
        assertThat(alert.path("moneyAtRisk").isMissingNode()).isTrue();
        JsonNode evidence = alert.path("anomaly");
        assertThat(Instant.parse(evidence.path("hour").asText())).isEqualTo(dropped);
        assertThat(evidence.path("actual").asDouble()).isZero();
        assertThat(evidence.path("expected").asDouble()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(evidence.path("lower").asDouble()).isPositive();
        assertThat(alert.path("detail").asText()).contains(CURRENCY).contains(dropped.toString());

        // published to the alerts topic, keyed by its subject
        try (KafkaRecords alerts = KafkaRecords.published(
                broker.bootstrapServers(),
                settings.topics().alerts(),
                api.get(SCHEMAS).body())) {
            List<ConsumerRecord<String, byte[]>> published = alerts.await(
                    record -> CURRENCY.equals(record.key())
                            && KafkaRecords.body(record).contains("anomaly-orders-drop"),
                    1,
                    Duration.ofSeconds(30));
            assertThat(KafkaRecords.body(published.get(0)))
                    .contains("\"subjectType\":\"MARKET\"")
                    .contains("\"anomaly\":{");
        }

        // judged again (the next minute, or another node): the same alert, nothing new
        detector.judge();
        sleep();
        long raised = 0;
        for (JsonNode each : api.get("/api/v1/alerts?rule=anomaly-orders-drop&size=200")
                .json()
                .path("items")) {
            raised += CURRENCY.equals(each.path("subjectId").asText()) ? 1 : 0;
        }
        assertThat(raised).isEqualTo(1);
        // the backtest judges the same hours as the live detector, and reproduces its alert
        JsonNode backtest = api.succeededJob(
                        api.post(
                                "/api/v1/admin/rules/anomaly-orders-drop/backtest",
                                "{\"from\":\"" + dropped.minus(2, ChronoUnit.HOURS) + "\",\"to\":\""
                                        + dropped.plus(1, ChronoUnit.HOURS) + "\"}"),
                        Duration.ofSeconds(60))
                .path("result");
        JsonNode flagged = null;
        for (JsonNode finding : backtest.path("findings")) {
            if (CURRENCY.equals(finding.path("subjectId").asText())) {
                flagged = finding;
            }
        }
        assertThat(flagged).as(backtest.toString()).isNotNull();
        assertThat(flagged.path("alertId").asText())
                .isEqualTo(alert.path("alertId").asText());
        assertThat(flagged.path("liveOutcome").asText()).isEqualTo("OPEN");
        // a higher bar in the backtest: the drop still shows, but hours of two orders are below a minimum of ten
        JsonNode stricter = api.succeededJob(
                        api.post(
                                "/api/v1/admin/rules/anomaly-orders-drop/backtest",
                                "{\"thresholds\":{\"min-volume\":\"10\"},\"from\":\""
                                        + dropped.minus(2, ChronoUnit.HOURS) + "\",\"to\":\""
                                        + dropped.plus(1, ChronoUnit.HOURS) + "\"}"),
                        Duration.ofSeconds(60))
                .path("result");
        for (JsonNode finding : stricter.path("findings")) {
            assertThat(finding.path("subjectId").asText()).isNotEqualTo(CURRENCY);
        }

        // the rules list shows the anomaly rules with their thresholds
        assertThat(rule("anomaly-gmv-drop").path("thresholds").has("band")).isTrue();
        assertThat(rule("anomaly-decline-rate")
                        .path("thresholds")
                        .path("min-deviation")
                        .asText())
                .isEqualTo("0.05");
    }

    private JsonNode market(String ruleId) {
        for (JsonNode alert :
                api.get("/api/v1/alerts?rule=" + ruleId + "&size=200").json().path("items")) {
            if (CURRENCY.equals(alert.path("subjectId").asText())) {
                return alert;
            }
        }
        return null;
    }

    private JsonNode rule(String ruleId) {
        for (JsonNode rule : api.get("/api/v1/risk/rules").json().path("items")) {
            if (ruleId.equals(rule.path("ruleId").asText())) {
                return rule;
            }
        }
        return api.get("/api/v1/risk/rules").json();
    }
}
