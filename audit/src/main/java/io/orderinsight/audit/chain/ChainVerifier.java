package io.orderinsight.audit.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offline verifier: needs only an export, and optionally the checkpoints an auditor kept and the public key — no
 * database. It names the first chain sequence number that was modified, removed (a link or its stored event), inserted
 * or reordered, and checks every kept checkpoint within the export's range with {@link CheckpointCheck}: signed by
 * the key, chained to the checkpoint before it, and naming the export's hash at its chain sequence number (a chain
 * rewritten consistently from some link on no longer matches the checkpoints signed after it): CHECKPOINT_MISMATCH
 * otherwise. The checkpoints are either the endpoint's answer ({@code items} and {@code publicKey}) or checkpoint
 * lines, as the node's checkpoint file and the checkpoints topic hold them (then {@code --public-key} is needed).
 *
 * <pre>java -jar order-insight-exec.jar verify --export=chain.ndjson [--checkpoints=checkpoints.ndjson] [--public-key=key.pub]</pre>
 */
public final class ChainVerifier {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private ChainVerifier() {}

    /** Runs the verifier as a command; 0 when the export verifies, 1 when it does not, 2 on bad arguments. */
    public static int run(String[] args, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        if (!options.containsKey("export")) {
            out.println(
                    "usage: verify --export=<chain.ndjson> [--checkpoints=<checkpoints.json|.ndjson>] [--public-key=<key>]");
            return 2;
        }
        try {
            ChainCheck.Result result = verify(
                    Path.of(options.get("export")),
                    options.containsKey("checkpoints") ? Path.of(options.get("checkpoints")) : null,
                    options.containsKey("public-key") ? Files.readString(Path.of(options.get("public-key"))) : null);
            if (result.verified()) {
                out.printf(
                        "VERIFIED %d links; head chainSeq %s, hash %s%n",
                        result.checked(),
                        result.head() == null ? "-" : result.head().chainSeq(),
                        result.head() == null ? "-" : result.head().hash());
                return 0;
            }
            out.printf(
                    "BROKEN%s: %s (%s)%n",
                    result.brokenAt() == null ? "" : " at chainSeq " + result.brokenAt(),
                    result.problem(),
                    result.detail());
            return 1;
        } catch (IOException | RuntimeException e) {
            out.println("cannot verify: " + e.getMessage());
            return 2;
        }
    }

    public static ChainCheck.Result verify(Path export, Path checkpoints, String publicKey) throws IOException {
        List<ChainLink> links = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(export)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    links.add(JSON.readValue(line, ExportLine.class).link());
                }
            }
        }
        Map<Long, Long> lastIndex = new HashMap<>();
        for (int i = 0; i < links.size(); i++) {
            lastIndex.put(links.get(i).chainSeq(), (long) i);
        }
        long first = links.isEmpty() ? 0 : links.get(0).chainSeq();
        String previous = links.isEmpty() ? ChainLink.GENESIS : links.get(0).prevHash();
        if (first == 0 && !previous.equals(ChainLink.GENESIS)) {
            return new ChainCheck.Result(false, 0, null, 0L, "MODIFIED", "link 0 does not start from the genesis hash");
        }
        ChainCheck.Result result = ChainCheck.walk(
                links.iterator(), first, previous, (chainSeq, index) -> lastIndex.getOrDefault(chainSeq, -1L) > index);
        if (!result.verified() || checkpoints == null) {
            return result;
        }
        String text = Files.readString(checkpoints);
        List<Checkpoint> kept = new ArrayList<>();
        String keptKey = null;
        JsonNode document;
        try {
            document = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            document = null;
        }
        if (document != null && document.has("items")) {
            for (JsonNode item : document.path("items")) {
                kept.add(Checkpoint.parse(item.toString()));
            }
            keptKey = document.path("publicKey").asText(null);
        } else {
            CheckpointFile.Lines lines = CheckpointFile.parse(text);
            if (lines.badLine() != null) {
                return new ChainCheck.Result(
                        false,
                        result.checked(),
                        result.head(),
                        null,
                        CheckpointCheck.PROBLEM,
                        "line " + lines.badLine() + " of " + checkpoints + " is not a checkpoint");
            }
            kept.addAll(lines.checkpoints());
        }
        String key = publicKey != null ? publicKey : keptKey;
        if (key == null) {
            throw new IllegalArgumentException("checkpoint lines carry no public key: give --public-key");
        }
        Map<Long, String> hashes = new HashMap<>();
        links.forEach(link -> hashes.put(link.chainSeq(), link.hash()));
        long last = result.head() == null ? first - 1 : result.head().chainSeq();
        Optional<CheckpointCheck.Mismatch> mismatch = CheckpointCheck.check(
                kept,
                checkpoints.getFileName().toString(),
                SigningKeys.publicKey(key),
                chainSeq -> chainSeq >= first && chainSeq <= last,
                hashes::get);
        if (mismatch.isPresent()) {
            return ChainCheck.Result.broken(
                    result.checked(),
                    result.head(),
                    mismatch.get().chainSeq(),
                    CheckpointCheck.PROBLEM,
                    mismatch.get().detail());
        }
        return result;
    }
}
