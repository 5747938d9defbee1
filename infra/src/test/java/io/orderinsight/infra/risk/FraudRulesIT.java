package io.orderinsight.infra.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.RunningApplication;
import io.orderinsight.infra.support.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fraud rules wired end to end through the HTTP API, with shortened durations and small merchant thresholds (each
 * rule's judgement has its own unit test beside it). One application receives every rule's pattern at the start;
 * then each test checks one behaviour, in order, since the later ones act on what the earlier ones left (an analyst's
 * resolutions, a new rule version, a restart): each pattern raises exactly its alerts, the holds and blocks they call
 * for are enforced, an analyst's false positive lifts them, backtests reproduce them, and after a restart a pending
 * deadline still fires while the rebuilt read models raise nothing again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FraudRulesIT {

    private static final String[] SHORT_RULES = {
        "--orderinsight.risk.unpaid-order.after=6s",
        "--orderinsight.risk.stale-authorization.after=5s",
        "--orderinsight.risk.merchant-dispute-ratio.min-count=2",
        "--orderinsight.risk.merchant-dispute-ratio.ratio=0.5"
    };

    /** One data directory for the class: the restart at its end starts on what the first run left. */
    @TempDir
    static Path dataDir;

    private final Set<String> expected = new TreeSet<>();
    private final String start = Instant.now().minusSeconds(60).toString();
    private RunningApplication app;
    private Api api;
    private int afterFourDeclines;

    /** Every rule's pattern, and the patterns that must raise nothing beside them. */
    @BeforeAll
    void sendEveryPattern() throws Exception {
        app = RunningApplication.start(dataDir, SHORT_RULES);
        api = app.api();

        // unpaid-order and stale-authorization: authorized, never captured
        place(api, "o-unpaid", "c-unpaid", "s-1", 1000, "DE");
        pay(api, "p-unpaid", "o-unpaid", 1000, "CARD", "AUTHORIZED", "fp-unpaid", "DE", "DE");
        expected.add("unpaid-order o-unpaid");
        expected.add("stale-authorization p-unpaid");
        // cash on delivery: neither
        place(api, "o-cod", "c-cod", "s-1", 1000, "DE");
        pay(api, "p-cod", "o-cod", 1000, "COD", "AUTHORIZED", null, null, null);
        // paid in time: nothing
        paidOrder(api, "o-paid", "c-paid", "s-1", 1000, "p-paid");

        // amount-mismatch and shipped-before-capture: shipped with part of the total captured
        place(api, "o-part", "c-part", "s-1", 1000, "DE");
        pay(api, "p-part", "o-part", 1000, "CARD", "AUTHORIZED", "fp-part", "DE", "DE");
        ok(api.post("/api/v1/payments/p-part/capture", "{\"amount\":600}"));
        ok(api.post("/api/v1/orders/o-part/shipment", "{\"carrier\":\"DHL\",\"trackingNumber\":\"T1\"}"));
        expected.add("amount-mismatch o-part");
        expected.add("shipped-before-capture o-part");
        // amount-mismatch: captures above the order total
        place(api, "o-over", "c-over", "s-1", 1000, "DE");
        pay(api, "p-over", "o-over", 1500, "CARD", "AUTHORIZED", "fp-over", "DE", "DE");
        ok(api.post("/api/v1/payments/p-over/capture", "{\"amount\":1200}"));
        expected.add("amount-mismatch o-over");
        // shipped-before-capture: nothing captured at shipment (cash on delivery excepted)
        place(api, "o-ship", "c-ship", "s-1", 1000, "DE");
        ok(api.post("/api/v1/orders/o-ship/shipment", "{\"carrier\":\"DHL\",\"trackingNumber\":\"T2\"}"));
        expected.add("shipped-before-capture o-ship");
        ok(api.post("/api/v1/orders/o-cod/shipment", "{\"carrier\":\"DHL\",\"trackingNumber\":\"T3\"}"));

        // duplicate-capture: a second payment captured on a fully captured order
        paidOrder(api, "o-dup", "c-dup", "s-1", 1000, "p-dup-1");
        pay(api, "p-dup-2", "o-dup", 1000, "CARD", "AUTHORIZED", "fp-dup", "DE", "DE");
        ok(api.post("/api/v1/payments/p-dup-2/capture", "{\"amount\":1000}"));
        expected.add("duplicate-capture o-dup");

        // geo-mismatch: billing, shipping and IP countries differ on an order of 600.00 USD
        place(api, "o-geo", "c-geo", "s-1", 60_000, "DE");
        pay(api, "p-geo", "o-geo", 60_000, "CARD", "AUTHORIZED", "fp-geo", "US", "FR");
        ok(api.post("/api/v1/payments/p-geo/capture", "{\"amount\":60000}"));
        expected.add("geo-mismatch o-geo");
        // ... and not one cent below the threshold
        place(api, "o-geo-small", "c-geo", "s-1", 49_999, "DE");
        pay(api, "p-geo-small", "o-geo-small", 49_999, "CARD", "AUTHORIZED", "fp-geo", "US", "FR");
        ok(api.post("/api/v1/payments/p-geo-small/capture", "{\"amount\":49999}"));

        // chargeback-after-refund: a dispute on a payment already refunded
        paidOrder(api, "o-cb", "c-cb", "s-2", 1000, "p-cb");
        // 300 of 1000 is not more than refund-abuse's 30%
        ok(api.post("/api/v1/refunds", refund("r-cb", "o-cb", "p-cb", 300)));
        ok(api.post("/api/v1/refunds/r-cb/approval", null));
        ok(api.post("/api/v1/refunds/r-cb/completion", null));
        ok(api.post("/api/v1/payments/p-cb/disputes", "{\"disputeId\":\"d-cb\",\"amount\":600,\"reason\":\"fraud\"}"));
        expected.add("chargeback-after-refund p-cb");

        // merchant-dispute-ratio: seller s-3 with 2 disputes over 2 captured payments (threshold 0.5, at least 2)
        paidOrder(api, "o-m1", "c-m1", "s-3", 1000, "p-m1");
        paidOrder(api, "o-m2", "c-m2", "s-3", 1000, "p-m2");
        ok(api.post("/api/v1/payments/p-m1/disputes", "{\"disputeId\":\"d-m1\",\"amount\":1000,\"reason\":\"x\"}"));
        ok(api.post("/api/v1/payments/p-m2/disputes", "{\"disputeId\":\"d-m2\",\"amount\":1000,\"reason\":\"x\"}"));
        expected.add("merchant-dispute-ratio s-3");

        // card-testing: 4 declines do nothing, the 5th blocks the customer's new orders
        place(api, "o-card", "c-card", "s-1", 1000, "DE");
        for (int i = 1; i <= 4; i++) {
            pay(api, "p-card-" + i, "o-card", 1000, "CARD", "DECLINED", "fp-card", "DE", "DE");
        }
        awaitQuiet(api);
        afterFourDeclines = place(api, "o-card-2", "c-card", "s-1", 1000, "DE").status();
        pay(api, "p-card-5", "o-card", 1000, "CARD", "DECLINED", "fp-card", "DE", "DE");
        expected.add("card-testing c-card");
        // neither order was ever paid
        expected.add("unpaid-order o-card");
        expected.add("unpaid-order o-card-2");

        // refund-abuse: the 3rd refund request in 7 days holds the customer's next refunds for review
        for (int i = 1; i <= 4; i++) {
            paidOrder(api, "o-ra-" + i, "c-ra", "s-4", 1000, "p-ra-" + i);
        }
        for (int i = 1; i <= 3; i++) {
            Reply requested = api.post("/api/v1/refunds", refund("r-ra-" + i, "o-ra-" + i, "p-ra-" + i, 100));
            assertThat(requested.status()).isEqualTo(201);
        }
        expected.add("refund-abuse c-ra");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/customers/c-ra/risk")
                        .json()
                        .path("refundsHeld")
                        .asBoolean());
        ok(api.post("/api/v1/refunds", refund("r-ra-4", "o-ra-4", "p-ra-4", 100)));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void eachPatternRaisesExactlyItsAlerts() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(alerts(api)).isEqualTo(expected));
        awaitQuiet(api);
        assertThat(alerts(api)).isEqualTo(expected);
        assertThat(api.get("/api/v1/orders/o-unpaid").json().path("status").asText())
                .isEqualTo("CANCELLED");
        assertThat(api.get("/api/v1/orders/o-cod").json().path("status").asText())
                .isEqualTo("SHIPPED");
    }

    @Test
    @Order(2)
    void theDeadlineSagaFindsAndLoadsItsSagasOncePerBatch() {
        // found through each batch's one lookup query, not one query per event
        assertThat(api.metric("orderinsight.sagas.lookups?tag=answered:batch")).isPositive();
        // and loaded from the rows read with them, not one query each
        assertThat(api.metric("orderinsight.sagas.loads?tag=answered:batch")).isPositive();
    }

    @Test
    @Order(3)
    void anAlertCarriesItsEvidenceMoneyAtRiskRuleVersionAndAction() {
        JsonNode duplicate = alert(api, "duplicate-capture");
        assertThat(duplicate.path("moneyAtRisk").asLong()).isEqualTo(1000);
        assertThat(duplicate.path("evidence").size()).isEqualTo(2);
        assertThat(duplicate.path("ruleVersion").asLong()).isEqualTo(1);
        assertThat(alert(api, "chargeback-after-refund").path("moneyAtRisk").asLong())
                .isEqualTo(300);
        assertThat(api.get("/api/v1/alerts?rule=unpaid-order")
                        .json()
                        .path("items")
                        .get(0)
                        .path("action")
                        .asText())
                .isEqualTo("CANCEL_ORDER");
    }

    @Test
    @Order(4)
    void cardTestingBlocksTheCustomersNewOrdersFromItsFifthDecline() {
        assertThat(afterFourDeclines).as("an order after four declines").isEqualTo(201);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/customers/c-card/risk")
                        .json()
                        .path("blocked")
                        .asBoolean());
        assertThat(place(api, "o-card-3", "c-card", "s-1", 1000, "DE").code()).isEqualTo("CUSTOMER_BLOCKED");
        assertThat(app.context()
                        .getBean(JdbcTemplate.class)
                        .queryForList(
                                "select payloadtype from domainevententry where aggregateidentifier = 'o-card-3'"))
                .as("a refused order stores nothing")
                .isEmpty();
    }

    @Test
    @Order(5)
    void refundAbuseHoldsTheCustomersNextRefundForTheRiskTeam() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "PENDING_REVIEW"
                        .equals(api.get("/api/v1/refunds/r-ra-4")
                                .json()
                                .path("status")
                                .asText()));
        // a refund held for review is the risk team's decision: the upstream role may not approve it
        Reply upstream = api.as(TestKeys.BY_ROLE.get("INGEST")).post("/api/v1/refunds/r-ra-4/approval", null);
        assertThat(upstream.status()).isEqualTo(403);
        assertThat(upstream.code()).isEqualTo("FORBIDDEN");
        assertThat(api.get("/api/v1/refunds/r-ra-4").json().path("status").asText())
                .isEqualTo("PENDING_REVIEW");
        ok(api.as(TestKeys.BY_ROLE.get("RISK")).post("/api/v1/refunds/r-ra-4/approval", null));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "APPROVED"
                        .equals(api.get("/api/v1/refunds/r-ra-4")
                                .json()
                                .path("status")
                                .asText()));
    }

    @Test
    @Order(6)
    void aFalsePositiveLiftsTheHold() {
        String abuse = alert(api, "refund-abuse").path("alertId").asText();
        Reply resolved = api.post(
                "/api/v1/alerts/" + abuse + "/resolution", "{\"outcome\":\"FALSE_POSITIVE\",\"note\":\"known\"}");
        assertThat(resolved.status()).isEqualTo(200);
        paidOrder(api, "o-ra-5", "c-ra", "s-4", 1000, "p-ra-5");
        ok(api.post("/api/v1/refunds", refund("r-ra-5", "o-ra-5", "p-ra-5", 100)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "REQUESTED"
                        .equals(api.get("/api/v1/refunds/r-ra-5")
                                .json()
                                .path("status")
                                .asText()));
        await().atMost(Duration.ofSeconds(20)).until(() -> precisionOf(api, "refund-abuse") == 0.0);
    }

    @Test
    @Order(7)
    void aConfirmedFraudKeepsTheBlock() {
        String card = alert(api, "card-testing").path("alertId").asText();
        ok(api.post("/api/v1/alerts/" + card + "/resolution", "{\"outcome\":\"CONFIRMED_FRAUD\"}"));
        assertThat(place(api, "o-card-4", "c-card", "s-1", 1000, "DE").code()).isEqualTo("CUSTOMER_BLOCKED");
        await().atMost(Duration.ofSeconds(20)).until(() -> precisionOf(api, "card-testing") == 1.0);
    }

    @Test
    @Order(8)
    void backtestsWithTheLiveThresholdsReproduceWhatEachRuleRaised() {
        // backtests with the live thresholds reproduce exactly what each rule raised, with analysts' outcomes
        String now = Instant.now().toString();
        for (String rule : List.of(
                "unpaid-order",
                "duplicate-capture",
                "amount-mismatch",
                "card-testing",
                "refund-abuse",
                "geo-mismatch",
                "merchant-dispute-ratio",
                "chargeback-after-refund",
                "shipped-before-capture")) {
            JsonNode report = backtest(api, rule, "{\"from\":\"" + start + "\",\"to\":\"" + now + "\"}");
            assertThat(report.path("reproducesLive").asBoolean())
                    .as(rule + ": " + report)
                    .isTrue();
            assertThat(report.path("flagged").asLong())
                    .isEqualTo(report.path("liveAlerts").asLong())
                    .isPositive();
        }
        JsonNode cards = backtest(api, "card-testing", "{\"from\":\"" + start + "\"}");
        assertThat(cards.path("agreement").path("confirmedFlagged").asLong()).isEqualTo(1);
        JsonNode refunds = backtest(api, "refund-abuse", "{\"from\":\"" + start + "\"}");
        assertThat(refunds.path("agreement").path("falsePositivesFlagged").asLong())
                .isEqualTo(1);
        // a lower geo threshold would have flagged the smaller order too
        JsonNode geo = backtest(
                api,
                "geo-mismatch",
                "{\"thresholds\":{\"min-amount\":\"400.00\"},\"from\":\"" + start + "\",\"to\":\"" + now + "\"}");
        assertThat(geo.path("flagged").asLong()).isEqualTo(2);
        assertThat(geo.path("agreement").path("onlyInBacktest").asLong()).isEqualTo(1);
        assertThat(geo.path("reproducesLive").asBoolean()).isFalse();
        assertThat(geo.path("moneyCovered").path("USD").asLong()).isEqualTo(60_000 + 49_999);
    }

    @Test
    @Order(9)
    void aBacktestRefusesWhatItCannotRun() {
        // and refuses what it cannot run
        assertThat(api.post("/api/v1/admin/rules/no-such-rule/backtest", "{\"from\":\"" + start + "\"}")
                        .code())
                .isEqualTo("RULE_NOT_FOUND");
        assertThat(api.post("/api/v1/admin/rules/geo-mismatch/backtest", "{\"from\":\"yesterday\"}")
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.post(
                                "/api/v1/admin/rules/geo-mismatch/backtest",
                                "{\"thresholds\":{\"min-amount\":\"lots\"},\"from\":\"" + start + "\"}")
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/v1/jobs/no-such-job").code()).isEqualTo("JOB_NOT_FOUND");
    }

    @Test
    @Order(10)
    void aNewRuleVersionJudgesWhatHappensFromThenOn() {
        // an analyst lowers the geo threshold: a new version, effective for what happens from then on
        Reply changed = api.put("/api/v1/risk/rules/geo-mismatch", "{\"thresholds\":{\"min-amount\":\"400.00\"}}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(api.put("/api/v1/risk/rules/geo-mismatch", "{\"thresholds\":{\"min-amount\":\"-1\"}}")
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        place(api, "o-geo-2", "c-geo-2", "s-1", 45_000, "DE");
        pay(api, "p-geo-2", "o-geo-2", 45_000, "CARD", "AUTHORIZED", "fp-geo-2", "US", "FR");
        ok(api.post("/api/v1/payments/p-geo-2/capture", "{\"amount\":45000}"));
        expected.add("geo-mismatch o-geo-2");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/alerts?rule=geo-mismatch")
                                .json()
                                .path("total")
                                .asLong()
                        == 2);
        JsonNode latest =
                api.get("/api/v1/alerts?rule=geo-mismatch").json().path("items").get(0);
        assertThat(latest.path("subjectId").asText()).isEqualTo("o-geo-2");
        assertThat(latest.path("ruleVersion").asLong()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> versionOf(api, "geo-mismatch") == 2);
    }

    @Test
    @Order(11)
    void aLostDisputeOnARefundedPaymentIsLostTwiceForTheRefundedPart() {
        // the dispute on the refunded payment is lost: 300 of its 600 were lost twice
        ok(api.post("/api/v1/payments/p-cb/disputes/d-cb/resolution", "{\"outcome\":\"LOST\"}"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Long> realized = new java.util.TreeMap<>();
            for (JsonNode line : api.get("/api/v1/insights/losses?groupBy=cause,seller")
                    .json()
                    .path("items")) {
                if (line.path("group").path("seller").asText().equals("s-2")) {
                    realized.put(
                            line.path("group").path("cause").asText(),
                            line.path("realized").asLong());
                }
            }
            assertThat(realized).containsEntry("double-loss", 300L).containsEntry("lost-chargeback", 300L);
        });
    }

    @Test
    @Order(12)
    void aPendingDeadlineFiresAfterARestartAndTheRebuiltReadModelsRaiseNothingAgain() throws Exception {
        // a pending deadline, and the application stops before it passes
        place(api, "o-restart", "c-restart", "s-1", 1000, "DE");
        awaitQuiet(api);
        long alertEvents = alertEvents(app);
        app.close();
        app = null;
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"), "999999\n");
        expected.add("unpaid-order o-restart");

        try (RunningApplication restarted = RunningApplication.start(dataDir, SHORT_RULES)) {
            Api api = restarted.api();
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> "CANCELLED"
                            .equals(api.get("/api/v1/orders/o-restart")
                                    .json()
                                    .path("status")
                                    .asText()));
            // the read models rebuilt from scratch (in-memory MongoDB): the same alerts, none raised twice
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(alerts(api)).isEqualTo(expected));
            awaitQuiet(api);
            assertThat(alertEvents(restarted)).isEqualTo(alertEvents + 1);
            assertThat(alerts(api)).isEqualTo(expected);
            assertThat(api.get("/api/v1/orders/o-paid").json().path("status").asText())
                    .isEqualTo("PLACED");
        }
    }

    /** Starts a backtest and waits for its job's result. */
    private static JsonNode backtest(Api api, String ruleId, String body) {
        JsonNode finished =
                api.succeededJob(api.post("/api/v1/admin/rules/" + ruleId + "/backtest", body), Duration.ofSeconds(60));
        assertThat(finished.path("done").asLong())
                .isEqualTo(finished.path("total").asLong());
        return finished.path("result");
    }

    private static Set<String> alerts(Api api) {
        Set<String> found = new TreeSet<>();
        for (JsonNode alert : api.get("/api/v1/alerts?size=200").json().path("items")) {
            found.add(alert.path("ruleId").asText() + " "
                    + alert.path("subjectId").asText());
        }
        return found;
    }

    private static JsonNode alert(Api api, String ruleId) {
        JsonNode items = api.get("/api/v1/alerts?rule=" + ruleId).json().path("items");
        assertThat(items.size()).as("alerts of " + ruleId).isEqualTo(1);
        return items.get(0);
    }

    private static long versionOf(Api api, String ruleId) {
        for (JsonNode rule : api.get("/api/v1/risk/rules").json().path("items")) {
            if (rule.path("ruleId").asText().equals(ruleId)) {
                return rule.path("version").asLong();
            }
        }
        return -1;
    }

    private static double precisionOf(Api api, String ruleId) {
        for (JsonNode rule : api.get("/api/v1/risk/rules").json().path("items")) {
            if (rule.path("ruleId").asText().equals(ruleId)) {
                return rule.path("precision").asDouble(-1);
            }
        }
        return -1;
    }

    private static long alertEvents(RunningApplication app) {
        return app.context()
                .getBean(JdbcTemplate.class)
                .queryForObject("select count(*) from domainevententry where type = 'Alert'", Long.class);
    }

    /** Waits until the detector and the risk views have seen every event stored so far. */
    private static void awaitQuiet(Api api) throws InterruptedException {
        Thread.sleep(1_500);
    }

    private static Reply place(Api api, String orderId, String customerId, String sellerId, long price, String ship) {
        return api.post("/api/v1/orders", """
                {"orderId":"%s","customerId":"%s","sellerId":"%s","currency":"USD","channel":"SHOP",
                 "shippingCountry":"%s","items":[{"sku":"sku-1","category":"toys","quantity":1,"unitPrice":%d}]}
                """.formatted(orderId, customerId, sellerId, ship, price));
    }

    private static void pay(
            Api api,
            String paymentId,
            String orderId,
            long amount,
            String method,
            String outcome,
            String fingerprint,
            String ip,
            String billing) {
        ok(api.post("/api/v1/payments", """
                {"paymentId":"%s","orderId":"%s","amount":%d,"currency":"USD","method":"%s","outcome":"%s",
                 "declineReason":%s,"cardFingerprint":%s,"ipCountry":%s,"billingCountry":%s}
                """.formatted(
                        paymentId,
                        orderId,
                        amount,
                        method,
                        outcome,
                        outcome.equals("DECLINED") ? "\"insufficient funds\"" : "null",
                        quoted(fingerprint),
                        quoted(ip),
                        quoted(billing))));
    }

    private static void paidOrder(
            Api api, String orderId, String customerId, String sellerId, long price, String paymentId) {
        ok(place(api, orderId, customerId, sellerId, price, "DE"));
        pay(api, paymentId, orderId, price, "CARD", "AUTHORIZED", "fp-" + customerId, "DE", "DE");
        ok(api.post("/api/v1/payments/" + paymentId + "/capture", "{\"amount\":" + price + "}"));
    }

    private static String refund(String refundId, String orderId, String paymentId, long amount) {
        return """
                {"refundId":"%s","orderId":"%s","paymentId":"%s","amount":%d,"reason":"damaged"}
                """.formatted(refundId, orderId, paymentId, amount);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static Reply ok(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
        return reply;
    }
}
