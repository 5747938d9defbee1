package io.orderinsight.infra.audit;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderinsight.audit.chain.ChainLink;
import io.orderinsight.audit.chain.ChainVerifier;
import io.orderinsight.audit.chain.CheckpointFile;
import io.orderinsight.infra.kafka.EmbeddedKafka;
import io.orderinsight.infra.kafka.KafkaRecords;
import io.orderinsight.infra.kafka.KafkaSettings;
import io.orderinsight.infra.support.ApplicationIT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * History forged by someone who can write to the database but has no signing key: an event's payload rewritten, the
 * hash chain's links recomputed from it on, and the checkpoint rows from there on deleted. The chain is then
 * consistent with the stored events and with the database's remaining checkpoints — but not with the checkpoint file
 * outside the database, which the verification endpoint names; the signer refuses to sign the forged head (health
 * down, a counter); the checkpoints topic still holds the genuine checkpoint. A stored event deleted while its link
 * remains is named REMOVED. This context signs twice a second and is closed after the test, forged as it is.
 */
@TestPropertySource(properties = "orderinsight.audit.checkpoint-interval=PT0.5S")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ForgedHistoryIT extends ApplicationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private CheckpointFile checkpointFile;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    @Qualifier("auditChain")
    private HealthIndicator auditChain;

    @Autowired
    private EmbeddedKafka broker;

    @Autowired
    private KafkaSettings kafka;

    @TempDir
    Path directory;

    @Test
    void forgedHistoryNeverVerifiesAndIsNeverSigned() throws Exception {
        String order = unique("o");
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/orders", placeOrder(order + "-" + i, unique("c"), "USD", 1000 + i, 1));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode verification = api.get("/api/v1/audit/verification").json();
            return verification.path("verified").asBoolean()
                    && verification.path("headChainSeq").asLong() + 1 == events.eventCount();
        });
        long head = api.get("/api/v1/audit/verification")
                .json()
                .path("headChainSeq")
                .asLong();
        JsonNode signedHead = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> lastCheckpoint(
                                api.get("/api/v1/audit/checkpoints").json()),
                        last -> last != null && last.path("chainSeq").asLong() == head);

        JsonNode signed = api.get("/api/v1/audit/checkpoints").json();
        String previous = ChainLink.GENESIS;
        for (JsonNode checkpoint : signed.path("items")) {
            assertThat(checkpoint.path("previousHash").asText()).isEqualTo(previous);
            assertThat(checkpoint.path("signature").asText()).isNotBlank();
            previous = checkpoint.path("hash").asText();
        }
        assertThat(Files.readString(checkpointFile.path())).contains(signedHead.toString());
        try (KafkaRecords topic =
                new KafkaRecords(broker.bootstrapServers(), kafka.topics().auditCheckpoints())) {
            List<ConsumerRecord<String, byte[]>> published =
                    topic.await(record -> record.key().equals(Long.toString(head)), 1, Duration.ofSeconds(30));
            assertThat(published).isNotEmpty();
            assertThat(JSON.readTree(published.get(0).value())).isEqualTo(signedHead);
        }

        // a stored event deleted while its link remains
        String removedId = eventIdOf(order + "-1");
        long removedSeq = chainSeqOf(removedId);
        Map<String, Object> removed =
                jdbc().queryForMap("select * from domainevententry where eventidentifier = ?", removedId);
        jdbc().update("delete from domainevententry where eventidentifier = ?", removedId);
        JsonNode gone = api.get("/api/v1/audit/verification").json();
        assertThat(gone.path("verified").asBoolean()).isFalse();
        assertThat(gone.path("problem").asText()).isEqualTo("REMOVED");
        assertThat(gone.path("firstBroken").asLong()).isEqualTo(removedSeq);
        jdbc().update(
                        "insert into domainevententry (" + String.join(", ", quoted(removed.keySet())) + ") values ("
                                + String.join(", ", Collections.nCopies(removed.size(), "?")) + ")",
                        removed.values().toArray());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/audit/verification")
                                .json()
                                .path("verified")
                                .asBoolean()
                        && auditChain.health().getStatus().equals(Status.UP));
        double refusedBefore = refusals();

        // the forgery: a payload rewritten, the links recomputed from it on, the checkpoints from it on deleted
        String forgedId = eventIdOf(order + "-2");
        long forgedSeq = chainSeqOf(forgedId);
        byte[] original = jdbc().queryForObject(
                        "select payload from domainevententry where eventidentifier = ?", byte[].class, forgedId);
        jdbc().update(
                        "update domainevententry set payload = ? where eventidentifier = ?",
                        new String(original, StandardCharsets.UTF_8)
                                .replace("1002", "9999")
                                .getBytes(StandardCharsets.UTF_8),
                        forgedId);
        recomputeLinksFrom(forgedSeq);
        jdbc().update("delete from chain_checkpoint where chain_seq >= ?", forgedSeq);

        JsonNode forged = api.get("/api/v1/audit/verification").json();
        assertThat(forged.path("verified").asBoolean()).isFalse();
        assertThat(forged.path("problem").asText()).isEqualTo("CHECKPOINT_MISMATCH");
        assertThat(forged.path("checkpoint").path("source").asText()).isEqualTo("file");
        assertThat(forged.path("checkpoint").path("chainSeq").asLong()).isBetween(forgedSeq, head);
        assertThat(forged.path("reason").asText()).contains("rewritten");

        await().atMost(Duration.ofSeconds(30)).until(() -> refusals() >= refusedBefore + 2);
        Health health = auditChain.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("reason").toString()).contains("chainSeq " + head, "rewritten");
        assertThat(api.get("/actuator/health").status()).isEqualTo(503);
        assertThat(jdbc().queryForObject(
                                "select count(*) from chain_checkpoint where chain_seq >= ?", Long.class, forgedSeq))
                .as("the forged head is never signed")
                .isZero();
        try (KafkaRecords topic =
                new KafkaRecords(broker.bootstrapServers(), kafka.topics().auditCheckpoints())) {
            assertThat(topic.await(record -> record.key().equals(Long.toString(head)), 1, Duration.ofSeconds(30)))
                    .as("the genuine checkpoint stays on the topic")
                    .isNotEmpty();
        }

        // offline: the database's remaining checkpoints agree with the forgery; the file's copy does not
        Path export = Files.writeString(
                directory.resolve("chain.ndjson"),
                api.get("/api/v1/audit/export").body());
        Path key = Files.writeString(
                directory.resolve("key.pub"),
                api.get("/api/v1/audit/checkpoints").json().path("publicKey").asText());
        Path database = Files.writeString(
                directory.resolve("checkpoints.json"),
                api.get("/api/v1/audit/checkpoints").body());
        Path kept = Files.copy(checkpointFile.path(), directory.resolve("kept.ndjson"));
        assertThat(verifyOffline(export, database, key)).startsWith("VERIFIED");
        assertThat(verifyOffline(export, kept, key)).contains("CHECKPOINT_MISMATCH");
    }

    /** What an attacker with write access to the database does: every link from {@code from} on re-hashed. */
    private void recomputeLinksFrom(long from) {
        String previous =
                jdbc().queryForObject("select prev_hash from hash_chain where chain_seq = ?", String.class, from);
        List<Map<String, Object>> links = jdbc().queryForList(
                        "select h.chain_seq, e.eventidentifier, e.payloadtype, e.aggregateidentifier,"
                                + " e.sequencenumber, e.timestamp, e.payload, e.metadata from hash_chain h"
                                + " join domainevententry e on e.eventidentifier = h.event_id"
                                + " where h.chain_seq >= ? order by h.chain_seq",
                        from);
        for (Map<String, Object> link : links) {
            String hash = ChainLink.hashOf(
                    previous,
                    (String) link.get("eventidentifier"),
                    (String) link.get("payloadtype"),
                    (String) link.get("aggregateidentifier"),
                    ((Number) link.get("sequencenumber")).longValue(),
                    (String) link.get("timestamp"),
                    (byte[]) link.get("payload"),
                    (byte[]) link.get("metadata"));
            jdbc().update(
                            "update hash_chain set prev_hash = ?, hash = ? where chain_seq = ?",
                            previous,
                            hash,
                            link.get("chain_seq"));
            previous = hash;
        }
    }

    private String eventIdOf(String aggregateId) {
        return jdbc().queryForObject(
                        "select eventidentifier from domainevententry where aggregateidentifier = ?",
                        String.class,
                        aggregateId);
    }

    private long chainSeqOf(String eventId) {
        return jdbc().queryForObject("select chain_seq from hash_chain where event_id = ?", Long.class, eventId);
    }

    private double refusals() {
        return meters.get("orderinsight.audit.signing.refused").counter().count();
    }

    private static JsonNode lastCheckpoint(JsonNode signed) {
        JsonNode items = signed.path("items");
        return items.isEmpty() ? null : items.get(items.size() - 1);
    }

    private static List<String> quoted(java.util.Collection<String> columns) {
        return columns.stream().map(column -> "\"" + column + "\"").toList();
    }

    private static String verifyOffline(Path export, Path checkpoints, Path key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChainVerifier.run(
                new String[] {"--export=" + export, "--checkpoints=" + checkpoints, "--public-key=" + key},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
