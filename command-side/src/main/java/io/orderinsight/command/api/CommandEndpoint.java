package io.orderinsight.command.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.domain.shared.AcceptedTimes;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.Identifier;
import io.orderinsight.domain.shared.MetadataKeys;
import io.orderinsight.web.Callers;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Currency;
import java.util.HexFormat;
import org.springframework.http.ResponseEntity;

/** What every command controller shares: reading ids, currencies and times, and handing the command over. */
public class CommandEndpoint {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CORRELATION_ID = "X-Correlation-Id";
    private static final int MAX_KEY_LENGTH = 255;

    private final CommandExecutor executor;
    private final ObjectMapper json;
    private final Clock clock;
    private final AcceptedTimes times;

    public CommandEndpoint(CommandExecutor executor, ObjectMapper json, Clock clock, AcceptedTimes times) {
        this.executor = executor;
        this.json = json;
        this.clock = clock;
        this.times = times;
    }

    /** Runs a mapped command: 201 with its location when it creates, else 200. */
    public ResponseEntity<String> submit(HttpServletRequest request, Object body, CommandMapping.Mapped mapped) {
        return run(request, body, mapped.command(), mapped.targetType(), mapped.targetId(), mapped.location());
    }

    /** The receipt of the request being handled: its time is a command's {@code occurredAt} when it names none. */
    public Receipt receipt() {
        return new Receipt(clock.instant(), times);
    }

    /** Runs a command that changes {@code targetType} {@code targetId}, answering 200. */
    public ResponseEntity<String> change(
            HttpServletRequest request, Object body, Object command, String targetType, String targetId) {
        return run(request, body, command, targetType, targetId, null);
    }

    private ResponseEntity<String> run(
            HttpServletRequest request,
            Object body,
            Object command,
            String targetType,
            String targetId,
            String location) {
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw CommandRejectedException.invalid(IDEMPOTENCY_KEY, "must be 1-255 characters");
        }
        String correlationId = request.getHeader(CORRELATION_ID);
        if (correlationId != null && !Identifier.PATTERN.matcher(correlationId).matches()) {
            throw CommandRejectedException.invalid(CORRELATION_ID, "must be 1-64 characters of [A-Za-z0-9._:-]");
        }
        var call = new CommandCall(
                command, targetType, targetId, location, key, requestHash(request, body), correlationId, null);
        return executor.execute(call, Callers.caller(), MetadataKeys.SOURCE_HTTP)
                .toResponse();
    }

    /** An id from the path, checked like ids in bodies. */
    public static String pathId(String field, String value) {
        if (!Identifier.PATTERN.matcher(value).matches()) {
            throw CommandRejectedException.invalid(field, "must be 1-64 characters of [A-Za-z0-9._:-]");
        }
        return value;
    }

    public static Currency currency(String field, String code) {
        if (code == null) {
            return null;
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw CommandRejectedException.invalid(field, "unknown ISO-4217 currency " + code);
        }
    }

    private String requestHash(HttpServletRequest request, Object body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(
                    (request.getMethod() + ' ' + request.getRequestURI() + '\n').getBytes(StandardCharsets.UTF_8));
            digest.update(json.writeValueAsBytes(body));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot digest request", e);
        }
    }
}
