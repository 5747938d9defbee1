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
 * chain sequence number that was modified, removed, inserted or reordered, and a consistent rewrite of the chain's
 * tail is caught by the signed checkpoint after it.
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
    void catchesAChainRewrittenConsistentlyByItsSignedCheckpoint() throws Exception {
        SigningKeys keys = SigningKeys.inDirectory(directory.resolve("keys"));
        List<ExportLine> honest = chain(10);
        String signedAt = "2026-03-01T00:00:00Z";
        String checkpoints = JSON.writeValueAsString(java.util.Map.of(
                "algorithm", "Ed25519",
                "publicKey", keys.publicKeyBase64(),
                "items",
                        List.of(java.util.Map.of(
                                "chainSeq",
                                7,
                                "hash",
                                honest.get(7).hash(),
                                "signedAt",
                                signedAt,
                                "signature",
                                keys.sign(SigningKeys.signed(7, honest.get(7).hash(), signedAt))))));
        Path signed = Files.writeString(directory.resolve("checkpoints.json"), checkpoints);

        assertThat(run(lines(honest), "--checkpoints=" + signed)).startsWith("VERIFIED 10 links");

        List<ExportLine> rewritten = chain(10, 5, "{\"amount\":1}");
        assertThat(run(lines(rewritten))).as("consistent on its own").startsWith("VERIFIED");
        assertThat(run(lines(rewritten), "--checkpoints=" + signed)).startsWith("BROKEN at chainSeq 7: MODIFIED");
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
