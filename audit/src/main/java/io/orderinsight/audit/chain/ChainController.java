package io.orderinsight.audit.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.audit.access.AccessLog;
import io.orderinsight.audit.cases.PersonalFields;
import io.orderinsight.command.privacy.PersonalDataVault;
import io.orderinsight.domain.shared.CommandRejectedException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Tamper evidence over HTTP: the chain checked against the stored events, the signed checkpoints, and the export the
 * offline verifier reads. {@code from} and {@code to} are chain sequence numbers (inclusive).
 */
@RestController
@RequestMapping("/api/v1/audit")
public class ChainController {

    private static final int PAGE = 10_000;

    /** What a payload holding sealed personal data contains, checked before it is parsed. */
    private static final String SEALED_FIELD = "\"" + PersonalFields.SEALED + "\":\"";

    private final PersonalDataVault vault;
    private final ChainStore chain;
    private final Checkpoints checkpoints;
    private final AccessLog access;
    private final ObjectMapper json;

    public ChainController(
            ChainStore chain, Checkpoints checkpoints, AccessLog access, ObjectMapper json, PersonalDataVault vault) {
        this.vault = vault;
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.access = access;
        this.json = json;
    }

    /** The outcome of a verification; {@code firstBroken} and {@code reason} only when it failed. */
    public record Verification(
            boolean verified,
            long eventsChecked,
            Long headChainSeq,
            String headHash,
            Long firstBroken,
            String problem,
            String reason) {}

    @GetMapping(path = "/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    public Verification verify(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to) {
        Object[] head = chain.head();
        if (head == null) {
            return new Verification(true, 0, null, null, null, null, null);
        }
        long first = from == null ? 0 : from;
        long last = to == null ? (Long) head[0] : Math.min(to, (Long) head[0]);
        range(first, last);
        ChainCheck.Result result = walk(first, last);
        if (!result.verified()) {
            return new Verification(
                    false, result.checked(), null, null, result.brokenAt(), result.problem(), result.detail());
        }
        if (from == null && to == null) {
            Long unchained = chain.firstUnchained();
            if (unchained != null) {
                return new Verification(
                        false,
                        result.checked(),
                        (Long) head[0],
                        (String) head[1],
                        null,
                        "MISSING_EVENT",
                        "the stored event at global position " + unchained + " is not in the chain");
            }
        }
        return new Verification(
                true,
                result.checked(),
                result.head() == null ? null : result.head().chainSeq(),
                result.head() == null ? null : result.head().hash(),
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

    private ChainCheck.Result walk(long first, long last) {
        String previous = chain.hashBefore(first);
        long checked = 0;
        ChainLink head = null;
        for (long page = first; page <= last; page += PAGE) {
            List<ChainLink> links = new ArrayList<>();
            chain.links(page, Math.min(last, page + PAGE - 1), links::add);
            ChainCheck.Result result = ChainCheck.walk(links.iterator(), page, previous, ChainCheck.Lookahead.NONE);
            checked += result.checked();
            if (!result.verified()) {
                return new ChainCheck.Result(
                        false, checked, result.head(), result.brokenAt(), result.problem(), result.detail());
            }
            if (result.head() != null) {
                head = result.head();
                previous = head.hash();
            }
        }
        return new ChainCheck.Result(true, checked, head, null, null, null);
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
