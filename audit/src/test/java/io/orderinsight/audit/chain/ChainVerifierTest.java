package io.orderinsight.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline verifier on an export of ten links, untouched and then with each kind of tampering: it names the first
 * chain sequence number that was modified, removed (a link, or the stored event under a link), inserted or reordered;
 * a consistent rewrite of the chain's tail is caught by the signed checkpoint after it; and the checkpoints an auditor
 * kept must be signed by the key and chained to each other.
 */
class ChainVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void verifiesAnUntouchedExport() throws Exception {
        assertThat(run(lines(chain(10)))).startsWith("VERIFIED 10 links; head chainSeq 9");
    }

    @Test
    void namesAModifiedLink() throws Exception {
        List<ExportLine> lines = chain(10);
        ExportLine original = lines.get(4);
        lines.set(
                4,
                new ExportLine(
                        original.chainSeq(),
                        original.globalPosition(),
                        original.prevHash(),
                        original.hash(),
                        original.eventId(),
                        original.type(),
                        original.aggregateId(),
                        original.sequence(),
                        original.recordedAt(),
                        base64("{\"amount\":999999}"),
                        original.metadata(),
                        original.personalData()));
        assertThat(run(lines(lines))).startsWith("BROKEN at chainSeq 4: MODIFIED");
    }

    @Test
    void namesARemovedLink() throws Exception {
        List<ExportLine> lines = chain(10);
        lines.remove(5);
        assertThat(run(lines(lines))).startsWith("BROKEN at chainSeq 5: REMOVED");
    }

    @Test
    void namesAnInsertedLink() throws Exception {
        List<ExportLine> lines = chain(10);
        ExportLine forged = new ExportLine(
                3,
                99,
                lines.get(2).hash(),
                "f".repeat(64),
                "forged",
                "Forged",
                "x",
                0,
                "2026-01-01T00:00:00Z",
                base64("{}"),
                base64("{}"),
                null);
        lines.add(4, forged);
        assertThat(run(lines(lines))).startsWith("BROKEN at chainSeq 3: INSERTED");
    }

    @Test
    void namesAReorderedLink() throws Exception {
        List<ExportLine> lines = chain(10);
        Collections.swap(lines, 6, 7);
        assertThat(run(lines(lines))).startsWith("BROKEN at chainSeq 6: REORDERED");
    }

    @Test
    void namesAStoredEventGoneWhileItsLinkRemainsRemovedNotModified() throws Exception {
        List<ExportLine> lines = chain(10);
        ExportLine original = lines.get(3);
        lines.set(
                3,
                new ExportLine(
                        original.chainSeq(),
                        original.globalPosition(),
                        original.prevHash(),
                        original.hash(),
                        original.eventId(),
                        null,
                        null,
                        0,
                        null,
                        null,
                        null,
                        null));
        assertThat(run(lines(lines))).startsWith("BROKEN at chainSeq 3: REMOVED");
    }

    @Test
    void catchesAChainRewrittenConsistentlyByItsSignedCheckpoint() throws Exception {
        SigningKeys keys = SigningKeys.inDirectory(directory.resolve("keys"));
        List<ExportLine> honest = chain(10);
        Path signed = endpointAnswer(keys, checkpoints(keys, honest, 3, 7));

        assertThat(run(lines(honest), "--checkpoints=" + signed)).startsWith("VERIFIED 10 links");

        List<ExportLine> rewritten = chain(10, 5, "{\"amount\":1}");
        assertThat(run(lines(rewritten))).as("consistent on its own").startsWith("VERIFIED");
        assertThat(run(lines(rewritten), "--checkpoints=" + signed))
                .startsWith("BROKEN at chainSeq 7: CHECKPOINT_MISMATCH")
                .contains("the chain was rewritten at or before it");
    }

    @Test
    void readsTheCheckpointLinesAnAuditorKeptWithTheKeyGivenApart() throws Exception {
        SigningKeys keys = SigningKeys.inDirectory(directory.resolve("keys"));
        List<ExportLine> honest = chain(10);
        List<Checkpoint> kept = checkpoints(keys, honest, 2, 6, 9);
        Path key = Files.writeString(directory.resolve("key.pub"), keys.publicKeyBase64());

        assertThat(run(lines(honest), "--checkpoints=" + keptLines(kept), "--public-key=" + key))
                .startsWith("VERIFIED 10 links");
        assertThat(run(
                        lines(chain(10, 8, "{\"amount\":1}")),
                        "--checkpoints=" + keptLines(kept),
                        "--public-key=" + key))
                .startsWith("BROKEN at chainSeq 9: CHECKPOINT_MISMATCH");
    }

    @Test
    void namesACheckpointWhosePredecessorWasRemoved() throws Exception {
        SigningKeys keys = SigningKeys.inDirectory(directory.resolve("keys"));
        List<ExportLine> honest = chain(10);
        List<Checkpoint> kept = new ArrayList<>(checkpoints(keys, honest, 2, 6, 9));
        kept.remove(1);
        Path key = Files.writeString(directory.resolve("key.pub"), keys.publicKeyBase64());

        assertThat(run(lines(honest), "--checkpoints=" + keptLines(kept), "--public-key=" + key))
                .startsWith("BROKEN at chainSeq 9: CHECKPOINT_MISMATCH")
                .contains("the checkpoints were removed or replaced");
    }

    @Test
    void namesACheckpointWithABadSignature() throws Exception {
        SigningKeys keys = SigningKeys.inDirectory(directory.resolve("keys"));
        SigningKeys other = SigningKeys.inDirectory(directory.resolve("other"));
        List<ExportLine> honest = chain(10);
        List<Checkpoint> kept = new ArrayList<>(checkpoints(keys, honest, 2, 6));
        Checkpoint genuine = kept.get(1);
        kept.set(
                1,
                Checkpoint.sign(other, genuine.chainSeq(), genuine.hash(), genuine.signedAt(), genuine.previousHash()));
        Path key = Files.writeString(directory.resolve("key.pub"), keys.publicKeyBase64());

        assertThat(run(lines(honest), "--checkpoints=" + keptLines(kept), "--public-key=" + key))
                .startsWith("BROKEN at chainSeq 6: CHECKPOINT_MISMATCH")
                .contains("is not signed by the audit key");
    }

    @Test
    void comparesCheckpointsOnlyWithinTheExportsRange() throws Exception {
        SigningKeys keys = SigningKeys.inDirectory(directory.resolve("keys"));
        List<ExportLine> honest = chain(10);
        List<Checkpoint> kept = checkpoints(keys, honest, 4);
        List<ExportLine> shorter = new ArrayList<>(honest.subList(0, 4));
        Path key = Files.writeString(directory.resolve("key.pub"), keys.publicKeyBase64());

        assertThat(run(lines(shorter), "--checkpoints=" + keptLines(kept), "--public-key=" + key))
                .startsWith("VERIFIED 4 links");
    }

    /** Checkpoints of the links at {@code chainSeqs}, each chained to the one before. */
    private static List<Checkpoint> checkpoints(SigningKeys keys, List<ExportLine> lines, int... chainSeqs) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        String previous = ChainLink.GENESIS;
        for (int chainSeq : chainSeqs) {
            Checkpoint checkpoint = Checkpoint.sign(
                    keys,
                    chainSeq,
                    lines.get(chainSeq).hash(),
                    java.time.Instant.parse("2026-03-01T00:00:00Z").plusSeconds(chainSeq),
                    previous);
            checkpoints.add(checkpoint);
            previous = checkpoint.hash();
        }
        return checkpoints;
    }

    private Path endpointAnswer(SigningKeys keys, List<Checkpoint> checkpoints) throws Exception {
        StringBuilder items = new StringBuilder();
        for (Checkpoint checkpoint : checkpoints) {
            items.append(items.isEmpty() ? "" : ",").append(checkpoint.toJson());
        }
        return Files.writeString(
                directory.resolve("checkpoints.json"),
                "{\"items\":[" + items + "],\"algorithm\":\"Ed25519\",\"publicKey\":\"" + keys.publicKeyBase64()
                        + "\"}");
    }

    private Path keptLines(List<Checkpoint> checkpoints) throws Exception {
        StringBuilder text = new StringBuilder();
        checkpoints.forEach(checkpoint -> text.append(checkpoint.toJson()).append('\n'));
        return Files.writeString(directory.resolve("checkpoints.ndjson"), text);
    }

    /** Ten links over made-up stored events; event {@code changed} gets {@code payload} instead. */
    private static List<ExportLine> chain(int count, int changed, String payload) {
        List<ExportLine> lines = new ArrayList<>();
        String previous = ChainLink.GENESIS;
        for (int i = 0; i < count; i++) {
            ChainLink link = new ChainLink(
                    i,
                    100 + i,
                    "event-" + i,
                    "io.orderinsight.domain.order.OrderPlacedEvent",
                    "o-" + i,
                    0,
                    "2026-03-01T10:00:0" + i + "Z",
                    (i == changed ? payload : "{\"orderId\":\"o-" + i + "\"}").getBytes(StandardCharsets.UTF_8),
                    "{\"principal\":\"anonymous\"}".getBytes(StandardCharsets.UTF_8),
                    previous,
                    null);
            String hash = link.recompute(previous);
            lines.add(ExportLine.of(new ChainLink(
                    link.chainSeq(),
                    link.globalPosition(),
                    link.eventId(),
                    link.type(),
                    link.aggregateId(),
                    link.sequence(),
                    link.recordedAt(),
                    link.payload(),
                    link.metadata(),
                    previous,
                    hash)));
            previous = hash;
        }
        return lines;
    }

    private static List<ExportLine> chain(int count) {
        return chain(count, -1, null);
    }

    private Path lines(List<ExportLine> lines) throws Exception {
        StringBuilder text = new StringBuilder();
        for (ExportLine line : lines) {
            text.append(JSON.writeValueAsString(line)).append('\n');
        }
        return Files.writeString(directory.resolve("chain.ndjson"), text);
    }

    private static String run(Path export, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--export=" + export));
        args.addAll(List.of(more));
        ChainVerifier.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
