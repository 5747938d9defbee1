package io.orderinsight.command.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.orderinsight.command.api.Answer;
import io.orderinsight.command.api.CommandCall;
import io.orderinsight.command.api.CommandExecutor;
import io.orderinsight.command.api.CommandMapping;
import io.orderinsight.command.api.JsonFailure;
import io.orderinsight.command.api.Receipt;
import io.orderinsight.domain.shared.AcceptedTimes;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.MetadataKeys;
import io.orderinsight.domain.shared.RejectionCode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One record of {@code orderinsight.commands} run exactly as the HTTP API runs its body: the same request records, bean
 * validation, command mapping and idempotent executor. {@code commandId} is the idempotency key, with the commands
 * topic as one caller: a redelivered or re-sent command has one effect and gets its first result again; the same id
 * with another payload is refused ({@code IDEMPOTENCY_KEY_REUSED}). A record that cannot be handled as it is throws
 * {@link PoisonCommandException}; a failure that may pass (the event store unavailable) throws {@link
 * TransientCommandFailure}.
 */
public class CommandIngestion {

    /** The caller all records of the commands topic share, for idempotency keys and event metadata. */
    public static final String CALLER = "kafka:orderinsight.commands";

    private static final int MAX_COMMAND_ID = 255;

    private final CommandExecutor executor;
    private final ObjectMapper json;
    private final ObjectReader lenient;
    private final Validator validator;
    private final Clock clock;
    private final AcceptedTimes times;
    private final int maxBytes;

    public CommandIngestion(
            CommandExecutor executor,
            ObjectMapper json,
            Validator validator,
            Clock clock,
            AcceptedTimes times,
            int maxBytes) {
        this.executor = executor;
        this.json = json;
        // the payload also carries the path ids and orderId, which the body records do not have
        this.lenient = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.validator = validator;
        this.clock = clock;
        this.times = times;
        this.maxBytes = maxBytes;
    }

    /** A record read, checked and mapped to its command, ready to run. */
    public record Prepared(String commandId, CommandCall call) {}

    /**
     * Reads and checks one record and maps it to its command, without running it.
     *
     * @param origin where the record was read, recorded in the events' metadata
     * @throws PoisonCommandException when the record cannot be handled as it is
     */
    public Prepared prepare(String key, byte[] value, Map<String, String> origin) {
        if (value == null || value.length == 0) {
            throw new PoisonCommandException("EMPTY_RECORD", "the record has no value", null);
        }
        if (value.length > maxBytes) {
            throw new PoisonCommandException(
                    "PAYLOAD_TOO_LARGE",
                    "the record's value has " + value.length + " bytes, more than the limit of " + maxBytes,
                    null);
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(value);
        } catch (JsonProcessingException e) {
            // a duplicate key or content after the object is JSON, but not what the contract accepts
            JsonFailure failure = JsonFailure.of(e);
            throw new PoisonCommandException(
                    failure.wellFormed() ? RejectionCode.VALIDATION_FAILED.name() : "NOT_JSON",
                    failure.describe("the record's value"),
                    null);
        } catch (IOException e) {
            throw new PoisonCommandException("NOT_JSON", "the record's value is not JSON", null);
        }
        if (envelope == null || !envelope.isObject()) {
            throw new PoisonCommandException("NOT_JSON", "the record's value is not a JSON object", null);
        }
        String commandId = text(envelope, "commandId");
        if (commandId == null || commandId.isBlank() || commandId.length() > MAX_COMMAND_ID) {
            throw new PoisonCommandException(
                    RejectionCode.VALIDATION_FAILED.name(), "commandId is required, 1-255 characters", null);
        }
        String type = text(envelope, "type");
        if (type == null) {
            throw new PoisonCommandException(RejectionCode.VALIDATION_FAILED.name(), "type is required", commandId);
        }
        KafkaCommandTypes.Spec spec = KafkaCommandTypes.find(type)
                .orElseThrow(() -> new PoisonCommandException(
                        "UNKNOWN_TYPE", "type " + type + " is not one of " + KafkaCommandTypes.names(), commandId));
        JsonNode payload = envelope.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new PoisonCommandException(
                    RejectionCode.VALIDATION_FAILED.name(), "payload is required, a JSON object", commandId);
        }
        String orderId = text(payload, "orderId");
        if (orderId == null) {
            throw new PoisonCommandException(
                    RejectionCode.VALIDATION_FAILED.name(), "payload.orderId is required", commandId);
        }
        if (!orderId.equals(key)) {
            throw new PoisonCommandException(
                    "KEY_MISMATCH",
                    "the record's key " + (key == null ? "(none)" : "'" + key + "'") + " differs from payload.orderId '"
                            + orderId + "'",
                    commandId);
        }
        Map<String, String> ids = new HashMap<>();
        for (String name : spec.pathIds()) {
            String id = text(payload, name);
            if (id == null) {
                throw new PoisonCommandException(
                        RejectionCode.VALIDATION_FAILED.name(), "payload." + name + " is required", commandId);
            }
            ids.put(name, id);
        }
        Object body = body(spec, payload, commandId);
        CommandMapping.Mapped mapped;
        try {
            mapped = spec.mapper().map(body, ids, new Receipt(clock.instant(), times));
        } catch (CommandRejectedException e) {
            throw new PoisonCommandException(e.code().name(), describe(e), commandId);
        }
        CommandCall call = new CommandCall(
                mapped.command(),
                mapped.targetType(),
                mapped.targetId(),
                mapped.location(),
                commandId,
                hash(type, payload),
                null,
                origin);
        return new Prepared(commandId, call);
    }

    /**
     * Runs one prepared command in its own transaction, retrying a lost race as the HTTP API does.
     *
     * @throws TransientCommandFailure when it could not run (the event store unavailable)
     */
    public Answer run(Prepared prepared) {
        try {
            return executor.execute(prepared.call(), CALLER, MetadataKeys.SOURCE_KAFKA);
        } catch (RuntimeException e) {
            throw new TransientCommandFailure("command " + prepared.commandId() + " could not run: " + e.getMessage());
        }
    }

    /**
     * Runs prepared commands in order in one transaction, each under its own {@code commandId}; their answers in the
     * same order. Throws, with nothing committed, when any of them fails other than by a refusal (a race on an
     * aggregate, a taken id, the store): then each is to be {@link #run} on its own.
     */
    public List<Answer> runTogether(List<Prepared> prepared) {
        return executor.executeTogether(
                prepared.stream().map(Prepared::call).toList(), CALLER, MetadataKeys.SOURCE_KAFKA);
    }

    private Object body(KafkaCommandTypes.Spec spec, JsonNode payload, String commandId) {
        Object body;
        try {
            body = lenient.treeToValue(payload, spec.body());
        } catch (JsonProcessingException e) {
            throw new PoisonCommandException(
                    RejectionCode.VALIDATION_FAILED.name(),
                    "payload." + JsonFailure.of(e).describe("payload"),
                    commandId);
        } catch (IllegalArgumentException e) {
            throw new PoisonCommandException(RejectionCode.VALIDATION_FAILED.name(), "payload is malformed", commandId);
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            Set<String> problems = new TreeSet<>();
            violations.forEach(
                    violation -> problems.add("payload." + violation.getPropertyPath() + " " + violation.getMessage()));
            throw new PoisonCommandException(
                    RejectionCode.VALIDATION_FAILED.name(), String.join("; ", problems), commandId);
        }
        return body;
    }

    /**
     * The result to publish for a command's answer.
     *
     * @throws PoisonCommandException when the answer says the record can never pass (400)
     * @throws TransientCommandFailure when it may pass later (5xx, or its {@code commandId} still running elsewhere)
     */
    public CommandResult resultOf(String commandId, Answer answer) {
        JsonNode body;
        try {
            body = json.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable answer " + answer.body(), e);
        }
        if (answer.status() < 300) {
            return new CommandResult(
                    commandId,
                    CommandResult.ACCEPTED,
                    null,
                    null,
                    text(body, "id"),
                    body.path("version").asLong());
        }
        String code = text(body, "code");
        if (CommandExecutor.READ_ONLY.equals(code)) {
            throw new ReadOnlyCommandFailure("command " + commandId + ": " + text(body, "detail"));
        }
        if (answer.status() >= 500 || "IDEMPOTENCY_KEY_IN_PROGRESS".equals(code)) {
            throw new TransientCommandFailure("command " + commandId + ": " + text(body, "detail"));
        }
        if (answer.status() == 400) {
            throw new PoisonCommandException(code, text(body, "detail"), commandId);
        }
        return CommandResult.rejected(commandId, code, text(body, "detail"));
    }

    private static String describe(CommandRejectedException e) {
        return e.field() == null ? e.getMessage() : "payload." + e.field() + ": " + e.getMessage();
    }

    private static String hash(String type, JsonNode payload) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((type + '\n').getBytes(StandardCharsets.UTF_8));
            digest.update(payload.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
