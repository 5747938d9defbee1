package io.orderinsight.audit.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.audit.access.AccessLog;
import io.orderinsight.audit.cases.PersonalFields;
import io.orderinsight.domain.customer.PersonalDataReader;
import io.orderinsight.domain.shared.CommandRejectedException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Tamper evidence over HTTP: the chain checked against the stored events and against every signed checkpoint the node
 * has — the database's and the checkpoint file's, so that checkpoints deleted from the database still count — the
 * checkpoints themselves, and the export the offline verifier reads. {@code from} and {@code to} are chain sequence
 * numbers (inclusive).
 */
@RestController
@RequestMapping("/api/v1/audit")
public class ChainController {

    private static final int PAGE = 10_000;

    /** What a payload holding sealed personal data contains, checked before it is parsed. */
    private static final String SEALED_FIELD = "\"" + PersonalFields.SEALED + "\":\"";

    private final PersonalDataReader vault;
    private final ChainStore chain;
    private final Checkpoints checkpoints;
    private final CheckpointFile file;
    private final SigningKeys keys;
    private final AccessLog access;
    private final ObjectMapper json;

    public ChainController(
            ChainStore chain,
            Checkpoints checkpoints,
            CheckpointFile file,
            SigningKeys keys,
            AccessLog access,
            ObjectMapper json,
            PersonalDataReader vault) {
        this.vault = vault;
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.file = file;
        this.keys = keys;
        this.access = access;
        this.json = json;
    }

    /**
     * The outcome of a verification; {@code firstBroken} and {@code reason} only when it failed, {@code checkpoint}
     * only when a checkpoint disagrees (CHECKPOINT_MISMATCH).
     */
    public record Verification(
            boolean verified,
            long eventsChecked,
            long checkpointsChecked,
            Long headChainSeq,
            String headHash,
            Long firstBroken,
            String problem,
            String reason,
            CheckpointRef checkpoint) {

        static Verification broken(long checked, long checkpoints, Long at, String problem, String reason) {
            return new Verification(false, checked, checkpoints, null, null, at, problem, reason, null);
        }
    }

    /** The checkpoint that disagrees: its chain sequence number (null for a file line that is none) and its source. */
    public record CheckpointRef(Long chainSeq, String source) {}

    /** Where the checkpoints the verification checks come from. */
    public static final String DATABASE = "database";

    public static final String FILE = "file";

    @GetMapping(path = "/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    public Verification verify(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to) {
        Object[] head = chain.head();
        long headSeq = head == null ? -1 : (Long) head[0];
        long first = from == null ? 0 : from;
        long last = to == null ? headSeq : Math.min(to, headSeq);
        if (head != null) {
            range(first, last);
        }
        ChainCheck.Result result =
                head == null ? ChainCheck.Result.ok(0, null) : chain.walk(first, last, chain.hashBefore(first));
        if (!result.verified()) {
            return Verification.broken(result.checked(), 0, result.brokenAt(), result.problem(), result.detail());
        }
        if (from == null && to == null) {
            Long unchained = chain.firstUnchained();
            if (unchained != null) {
                return new Verification(
                        false,
                        result.checked(),
                        0,
                        head == null ? null : (Long) head[0],
                        head == null ? null : (String) head[1],
                        null,
                        "MISSING_EVENT",
                        "the stored event at global position " + unchained + " is not in the chain",
                        null);
            }
        }
        List<Checkpoint> database = checkpoints.stored();
        CheckpointFile.Lines filed = file.read();
        LongPredicate compared = chainSeq -> chainSeq >= first && (to == null || chainSeq <= to);
        Set<Long> wanted = new HashSet<>();
        Stream.concat(database.stream(), filed.checkpoints().stream())
                .map(Checkpoint::chainSeq)
                .filter(chainSeq -> compared.test(chainSeq) && chainSeq <= headSeq)
                .forEach(wanted::add);
        Map<Long, String> hashes = chain.hashesAt(wanted);
        long checkpointsChecked = database.size() + filed.checkpoints().size();
        Optional<CheckpointCheck.Mismatch> mismatch = CheckpointCheck.check(
                        database, DATABASE, keys.publicKey(), compared, hashes::get)
                .or(() -> CheckpointCheck.check(filed.checkpoints(), FILE, keys.publicKey(), compared, hashes::get))
                .or(() -> Optional.ofNullable(filed.badLine())
                        .map(line -> new CheckpointCheck.Mismatch(
                                null, FILE, "line " + line + " of the checkpoint file is not a checkpoint")));
        if (mismatch.isPresent()) {
            CheckpointCheck.Mismatch found = mismatch.get();
            return new Verification(
                    false,
                    result.checked(),
                    checkpointsChecked,
                    null,
                    null,
                    found.chainSeq(),
                    CheckpointCheck.PROBLEM,
                    found.detail(),
                    new CheckpointRef(found.chainSeq(), found.source()));
        }
        return new Verification(
                true,
                result.checked(),
                checkpointsChecked,
                result.head() == null ? null : result.head().chainSeq(),
                result.head() == null ? null : result.head().hash(),
                null,
                null,
                null,
                null);
    }

    @GetMapping(path = "/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    public Checkpoints.Signed checkpoints() {
        return checkpoints.all();
    }

    @GetMapping(path = "/export", produces = "application/x-ndjson")
    public ResponseEntity<StreamingResponseBody> export(
            @RequestParam(required = false) Long from, @RequestParam(required = false) Long to) {
        Object[] head = chain.head();
        long first = from == null ? 0 : from;
        long last = head == null ? -1 : to == null ? (Long) head[0] : Math.min(to, (Long) head[0]);
        range(first, Math.max(first, last));
        access.record("export", "chain", "from=" + first + " to=" + last);
        java.util.Set<String> erased = vault.erasedCustomers();
        StreamingResponseBody body = output -> {
            for (long page = first; page <= last; page += PAGE) {
                chain.links(page, Math.min(last, page + PAGE - 1), link -> write(output, link, erased));
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(body);
    }

    private void write(OutputStream output, ChainLink link, java.util.Set<String> erased) {
        try {
            output.write(json.writeValueAsBytes(ExportLine.of(link, personalData(link, erased))));
            output.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SEALED or ERASED for an event holding sealed personal data; null for the others. */
    private String personalData(ChainLink link, java.util.Set<String> erased) throws IOException {
        if (link.payload() == null
                || !new String(link.payload(), java.nio.charset.StandardCharsets.UTF_8).contains(SEALED_FIELD)) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode payload = json.readTree(link.payload());
        if (!payload.hasNonNull(PersonalFields.SEALED)) {
            return null;
        }
        return erased.contains(payload.path(PersonalFields.CUSTOMER_ID).asText()) ? "ERASED" : "SEALED";
    }

    private static void range(long from, long to) {
        if (from < 0 || to < from) {
            throw CommandRejectedException.invalid(
                    "from", "from and to are chain sequence numbers with 0 <= from <= to");
        }
    }
}
