package io.orderinsight.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline verifier: needs only an export, and optionally the checkpoints and the public key — no database. It
 * names the first chain sequence number that was modified, removed, inserted or reordered, and checks every signed
 * checkpoint against the export (a chain rewritten consistently from some link on no longer matches the signed
 * heads after it).
 *
 * <pre>java -jar order-insight-exec.jar verify --export=chain.ndjson [--checkpoints=checkpoints.json] [--public-key=key.pub]</pre>
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
                    "usage: verify --export=<chain.ndjson> [--checkpoints=<checkpoints.json>] [--public-key=<key>]");
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
            out.printf("BROKEN at chainSeq %d: %s (%s)%n", result.brokenAt(), result.problem(), result.detail());
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
        JsonNode signed = JSON.readTree(checkpoints.toFile());
        PublicKey key = SigningKeys.publicKey(
                publicKey != null ? publicKey : signed.path("publicKey").asText());
        Map<Long, String> hashes = new HashMap<>();
        links.forEach(link -> hashes.put(link.chainSeq(), link.hash()));
        for (JsonNode checkpoint : signed.path("items")) {
            long chainSeq = checkpoint.path("chainSeq").asLong();
            String hash = checkpoint.path("hash").asText();
            byte[] message = SigningKeys.signed(
                    chainSeq, hash, checkpoint.path("signedAt").asText());
            if (!SigningKeys.verifies(key, message, checkpoint.path("signature").asText())) {
                return new ChainCheck.Result(
                        false,
                        result.checked(),
                        result.head(),
                        chainSeq,
                        "BAD_CHECKPOINT",
                        "the checkpoint at chain sequence " + chainSeq + " is not signed by this key");
            }
            String exported = hashes.get(chainSeq);
            if (exported != null && !exported.equals(hash)) {
                return new ChainCheck.Result(
                        false,
                        result.checked(),
                        result.head(),
                        chainSeq,
                        "MODIFIED",
                        "chain sequence " + chainSeq + " differs from its signed checkpoint: the chain was rewritten at"
                                + " or before it");
            }
        }
        return result;
    }
}
