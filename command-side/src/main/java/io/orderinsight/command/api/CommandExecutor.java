package io.orderinsight.command.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.domain.shared.AggregateVersion;
import io.orderinsight.domain.shared.CommandOutcome;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.MetadataKeys;
import io.orderinsight.domain.shared.OccurredAt;
import io.orderinsight.domain.shared.RejectionCode;
import io.orderinsight.web.Problems;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a command and turns its outcome into the HTTP answer. With an idempotency key the key's record and the
 * command's events commit in one PostgreSQL transaction: the command bus joins the transaction opened here. A
 * conflicting concurrent writer on the same aggregate rolls the attempt back and it runs again, up to a limit. A
 * creation whose id is taken fails on the event store's unique index and answers DUPLICATE_ID.
 *
 * <p>{@link #executeTogether} runs several keyed commands in one transaction, one after the other, each with its own
 * key, events and answer: a refused command answers its refusal and leaves the others be, and anything else that goes
 * wrong (a race, a taken id, the store) rolls all of them back for the caller to run one by one.
 */
public class CommandExecutor {

    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

    /** The code of a command refused because no writable primary is there (API.md). */
    public static final String READ_ONLY = "READ_ONLY";

    private final CommandGateway gateway;
    private final IdempotencyStore idempotency;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;
    private final int maxAttempts;
    private final WriteAvailability writes;

    public CommandExecutor(
            CommandGateway gateway,
            IdempotencyStore idempotency,
            TransactionTemplate transaction,
            ObjectMapper json,
            Clock clock,
            int maxAttempts,
            WriteAvailability writes) {
        this.gateway = gateway;
        this.idempotency = idempotency;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.writes = writes;
    }

    /**
     * Runs a call with its retries: its answer, or 503 {@code READ_ONLY} while the database takes no writes (at once
     * when the node already knows, else when the call's transaction found out).
     */
    public Answer execute(CommandCall call, String caller, String source) {
        if (writes.readOnly().isPresent()) {
            return readOnly();
        }
        try {
            return attempts(call, caller, source);
        } catch (RuntimeException e) {
            if (writes.refusesWrites(e)) {
                return readOnly();
            }
            throw e;
        }
    }

    private Answer attempts(CommandCall call, String caller, String source) {
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return call.idempotencyKey() == null
                        ? dispatch(call, caller, source)
                        : transaction.execute(status -> claimed(call, caller, () -> dispatch(call, caller, source)));
            } catch (ConcurrencyException e) {
                log.debug(
                        "attempt {} of {} lost a race on {} {}: {}",
                        attempt,
                        call.command().getClass().getSimpleName(),
                        call.targetType(),
                        call.targetId(),
                        e.getMessage());
                backOff(attempt);
            } catch (AggregateStreamCreationException e) {
                Answer duplicate = problem(new CommandRejectedException(
                        RejectionCode.DUPLICATE_ID,
                        call.targetType().toLowerCase() + " id " + call.targetId() + " is already taken"));
                return call.idempotencyKey() == null
                        ? duplicate
                        : transaction.execute(status -> claimed(call, caller, () -> duplicate));
            }
        }
        return problem(new CommandRejectedException(
                RejectionCode.CONCURRENT_MODIFICATION,
                call.targetType().toLowerCase() + " " + call.targetId() + " kept changing under concurrent writers;"
                        + " retry the request"));
    }

    /**
     * Runs every call, in order, in one transaction that commits their keys' records and events together; returns
     * their answers in the same order (all 503 READ_ONLY, with nothing tried, while the node is read-only). Each call
     * must carry an idempotency key. Throws, with nothing committed, when any call fails other than by a refusal;
     * {@link #execute} then runs each on its own, with its retries.
     */
    public List<Answer> executeTogether(List<CommandCall> calls, String caller, String source) {
        for (CommandCall call : calls) {
            if (call.idempotencyKey() == null) {
                throw new IllegalArgumentException("commands run together need idempotency keys");
            }
        }
        if (writes.readOnly().isPresent()) {
            return calls.stream().map(call -> readOnly()).toList();
        }
        try {
            return together(calls, caller, source);
        } catch (RuntimeException e) {
            writes.refusesWrites(e);
            throw e;
        }
    }

    private List<Answer> together(List<CommandCall> calls, String caller, String source) {
        return transaction.execute(status -> {
            List<IdempotencyStore.Claim> claims = idempotency.claimAll(
                    caller, calls.stream().map(CommandCall::idempotencyKey).toList());
            List<Answer> answers = new ArrayList<>(calls.size());
            List<IdempotencyStore.Record> records = new ArrayList<>();
            // a key sent twice in one group: the second is answered as a retry of the first
            Map<String, IdempotencyStore.Stored> earlier = new HashMap<>();
            for (int i = 0; i < calls.size(); i++) {
                CommandCall call = calls.get(i);
                IdempotencyStore.Claim claim = claims.get(i);
                IdempotencyStore.Stored before = earlier.get(call.idempotencyKey());
                if (before != null) {
                    claim = new IdempotencyStore.Claim(true, Optional.of(before));
                }
                Answer answer = answered(call, claim, () -> dispatch(call, caller, source));
                if (before == null && claim.stored().isEmpty() && claim.locked() && answer.isStorable()) {
                    records.add(new IdempotencyStore.Record(call.idempotencyKey(), call.requestHash(), answer));
                    earlier.put(call.idempotencyKey(), new IdempotencyStore.Stored(call.requestHash(), answer));
                }
                answers.add(answer);
            }
            idempotency.saveAll(caller, records, clock.instant());
            return answers;
        });
    }

    /** Runs {@code work} under the call's idempotency key, in the current transaction, and records its answer. */
    private Answer claimed(CommandCall call, String caller, Supplier<Answer> work) {
        var claim = idempotency.claim(caller, call.idempotencyKey());
        Answer answer = answered(call, claim, work);
        if (claim.stored().isEmpty() && claim.locked() && answer.isStorable()) {
            idempotency.save(caller, call.idempotencyKey(), call.requestHash(), answer, clock.instant());
        }
        return answer;
    }

    /**
     * The answer to a call whose key is claimed: the stored answer of a retry, a refusal of a key reused or still in
     * progress, or else what {@code work} answers.
     */
    private Answer answered(CommandCall call, IdempotencyStore.Claim claim, Supplier<Answer> work) {
        String key = call.idempotencyKey();
        if (claim.stored().isPresent()) {
            if (claim.stored().get().requestHash().equals(call.requestHash())) {
                return claim.stored().get().answer();
            }
            return problem(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "IDEMPOTENCY_KEY_REUSED",
                    "idempotency key " + key + " was already used with a different request");
        }
        if (!claim.locked()) {
            return problem(
                    HttpStatus.CONFLICT,
                    "IDEMPOTENCY_KEY_IN_PROGRESS",
                    "a request with idempotency key " + key + " is still being processed");
        }
        return work.get();
    }

    private Answer dispatch(CommandCall call, String caller, String source) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(MetadataKeys.PRINCIPAL, caller);
        metadata.put(MetadataKeys.SOURCE, source);
        metadata.putAll(call.origin());
        if (call.idempotencyKey() != null) {
            metadata.put(MetadataKeys.IDEMPOTENCY_KEY, call.idempotencyKey());
        }
        OccurredAt.of(call.command()).ifPresent(at -> metadata.put(MetadataKeys.OCCURRED_AT, at.toString()));
        if (call.correlationId() != null) {
            metadata.put(MetadataKeys.CORRELATION_ID, call.correlationId());
        }
        try {
            CommandOutcome outcome = gateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(call.command()).andMetaData(metadata));
            return success(call, outcome);
        } catch (CommandRejectedException rejection) {
            return problem(rejection);
        }
    }

    private Answer success(CommandCall call, CommandOutcome outcome) {
        AggregateVersion target = outcome.find(call.targetId(), call.targetType())
                .orElseThrow(() -> new IllegalStateException(
                        "command " + call.command().getClass().getSimpleName() + " did not change its target "
                                + call.targetType() + " " + call.targetId()));
        List<AggregateVersion> others =
                outcome.changed().stream().filter(v -> !v.equals(target)).toList();
        var body = new CommandResponse(target.id(), target.type(), target.version(), others);
        int status = call.location() == null ? HttpStatus.OK.value() : HttpStatus.CREATED.value();
        return new Answer(status, call.location(), write(body));
    }

    /** 503 READ_ONLY: the node takes no commands while its database takes no writes; never stored for a key. */
    private Answer readOnly() {
        String reason =
                writes.readOnly().map(WriteAvailability.ReadOnly::reason).orElse("the database takes no writes");
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                READ_ONLY,
                reason + "; commands are refused until a writable primary is back, queries keep working: retry later");
    }

    private Answer problem(CommandRejectedException rejection) {
        var problem = Problems.of(rejection);
        return new Answer(problem.getStatus(), null, write(problem));
    }

    private Answer problem(HttpStatus status, String code, String detail) {
        return new Answer(status.value(), null, write(Problems.of(status, code, detail)));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write answer", e);
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a command", e);
        }
    }
}
