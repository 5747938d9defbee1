package io.orderinsight.infra.audit;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.audit.chain.ChainVerifier;
import io.orderinsight.audit.chain.Checkpoints;
import io.orderinsight.infra.support.ApplicationIT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hash chain end to end: every stored event is chained, the verification endpoint checks it against the store, a
 * signed checkpoint and the NDJSON export verify offline with the verifier command, a modified stored event is named
 * by its chain sequence number, and an event present in the store but missing from the chain is found.
 */
class HashChainIT extends ApplicationIT {

    @Autowired
    private Checkpoints checkpoints;

    @TempDir
    Path directory;

    @Test
    void chainsEveryEventAndNamesTamperingOnlineAndOffline() throws Exception {
        String order = unique("o");
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/orders", placeOrder(order + "-" + i, unique("c"), "USD", 1000 + i, 1));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode verification = api.get("/api/v1/audit/verification").json();
            return verification.path("verified").asBoolean()
                    && verification.path("headChainSeq").asLong() + 1 == events.eventCount();
        });
        checkpoints.signHead();

        JsonNode signed = api.get("/api/v1/audit/checkpoints").json();
        assertThat(signed.path("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(signed.path("items").size()).isPositive();
        String export = api.get("/api/v1/audit/export").body();
        assertThat(export.lines().count()).isEqualTo(events.eventCount());
        Path exported = Files.writeString(directory.resolve("chain.ndjson"), export);
        Path checkpointFile = Files.writeString(directory.resolve("checkpoints.json"), signed.toString());
        Path key = Files.writeString(
                directory.resolve("key.pub"), signed.path("publicKey").asText());
        assertThat(verifyOffline(exported, checkpointFile, key)).startsWith("VERIFIED");
        assertThat(api.get("/api/v1/audit/access-log").body()).contains("\"action\":\"export\"");

        // a stored event changed behind the application's back
        String eventId = jdbc().queryForObject(
                        "select eventidentifier from domainevententry where aggregateidentifier = ?",
                        String.class,
                        order + "-2");
        long chainSeq =
                jdbc().queryForObject("select chain_seq from hash_chain where event_id = ?", Long.class, eventId);
        byte[] original = jdbc().queryForObject(
                        "select payload from domainevententry where eventidentifier = ?", byte[].class, eventId);
        String forged = new String(original, StandardCharsets.UTF_8).replace("1002", "9999");
        jdbc().update(
                        "update domainevententry set payload = ? where eventidentifier = ?",
                        forged.getBytes(StandardCharsets.UTF_8),
                        eventId);
        JsonNode broken = api.get("/api/v1/audit/verification").json();
        assertThat(broken.path("verified").asBoolean()).isFalse();
        assertThat(broken.path("firstBroken").asLong()).isEqualTo(chainSeq);
        assertThat(broken.path("problem").asText()).isEqualTo("MODIFIED");
        Path tampered = Files.writeString(
                directory.resolve("tampered.ndjson"),
                api.get("/api/v1/audit/export").body());
        assertThat(verifyOffline(tampered, checkpointFile, key)).startsWith("BROKEN at chainSeq " + chainSeq);
        jdbc().update("update domainevententry set payload = ? where eventidentifier = ?", original, eventId);
        assertThat(api.get("/api/v1/audit/verification").json().path("verified").asBoolean())
                .isTrue();
        assertThat(api.get("/api/v1/audit/verification?from=5&to=2").code()).isEqualTo("VALIDATION_FAILED");

        // an event in the store whose link is gone
        long head = api.get("/api/v1/audit/verification")
                .json()
                .path("headChainSeq")
                .asLong();
        long position = jdbc().queryForObject(
                        "select global_position from hash_chain where chain_seq = ?", Long.class, head - 1);
        Map<String, Object> link = jdbc().queryForMap("select * from hash_chain where chain_seq = ?", head);
        jdbc().update("delete from hash_chain where chain_seq = ?", head);
        try {
            JsonNode missing = api.get("/api/v1/audit/verification").json();
            assertThat(missing.path("verified").asBoolean()).isFalse();
            assertThat(missing.path("problem").asText()).isEqualTo("MISSING_EVENT");
            assertThat(position).isPositive();
        } finally {
            // the context is shared: put the link back for the tests that verify the chain after this one
            jdbc().update(
                            "insert into hash_chain (" + String.join(", ", link.keySet()) + ") values ("
                                    + String.join(", ", Collections.nCopies(link.size(), "?")) + ")",
                            link.values().toArray());
        }
        assertThat(api.get("/api/v1/audit/verification").json().path("verified").asBoolean())
                .isTrue();
    }

    private static String verifyOffline(Path export, Path checkpoints, Path key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChainVerifier.run(
                new String[] {"--export=" + export, "--checkpoints=" + checkpoints, "--public-key=" + key},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
