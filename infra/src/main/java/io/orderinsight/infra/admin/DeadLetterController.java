package io.orderinsight.infra.admin;

import io.orderinsight.infra.generations.GenerationProcessors;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.web.Problems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Events a projection could not handle, parked in Axon's sequenced dead-letter queue (in PostgreSQL) with the rest
 * of their order's events, so that other orders keep flowing. They can be listed and retried here.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
public class DeadLetterController {

    /** A class name that leads a failure's message ("java.lang.ArithmeticException: "): not for the answer. */
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?::\\s*)?");

    private final EventProcessingConfiguration processing;
    private final GenerationProcessors generations;

    public DeadLetterController(EventProcessingConfiguration processing, GenerationProcessors generations) {
        this.processing = processing;
        this.generations = generations;
    }

    /**
     * One parked event: its projection (the processor's name for a generation rebuilt beside the live one), the order
     * it belongs to, what it was and why it failed.
     */
    public record DeadLetterView(
            String id,
            String projection,
            String sequence,
            String eventId,
            String eventType,
            String aggregateId,
            String causeMessage,
            Instant enqueuedAt,
            Instant lastTouched) {}

    public record DeadLetters(List<DeadLetterView> items, long total) {}

    /** The outcome of a retry: whether the parked sequence was handled and left the queue. */
    public record Retry(String id, String projection, boolean handled) {}

    @GetMapping
    public DeadLetters list() {
        List<DeadLetterView> items = new ArrayList<>();
        queues().forEach((projection, letters) -> collect(projection, letters.queue(), items));
        return new DeadLetters(items, items.size());
    }

    @PostMapping("/{id}/retry")
    public ResponseEntity<Object> retry(@PathVariable String id) {
        for (Map.Entry<String, GenerationProcessors.DeadLetters> entry : queues().entrySet()) {
            Optional<String> sequence = sequenceOf(entry.getValue().queue(), id);
            if (sequence.isEmpty()) {
                continue;
            }
            boolean handled =
                    entry.getValue().processor().process(head -> sequence.get().equals(sequenceOf(head)));
            return ResponseEntity.ok(new Retry(id, entry.getKey(), handled));
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.NOT_FOUND, "DEAD_LETTER_NOT_FOUND", "no dead letter " + id));
    }

    /** Every queue this node can retry: each projection's live processor's, and those of generations rebuilt here. */
    private Map<String, GenerationProcessors.DeadLetters> queues() {
        Map<String, GenerationProcessors.DeadLetters> queues = new LinkedHashMap<>();
        for (String projection : ProjectionNames.ALL) {
            Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(projection);
            Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor =
                    processing.sequencedDeadLetterProcessor(projection);
            if (queue.isPresent() && processor.isPresent()) {
                queues.put(projection, new GenerationProcessors.DeadLetters(queue.get(), processor.get()));
            }
        }
        queues.putAll(generations.rebuiltDeadLetters());
        return queues;
    }

    /** Why the event failed, in words: the failure's message without the class names that lead it. */
    static String reason(String message) {
        return message == null
                ? null
                : CLASS_NAME.matcher(message).replaceAll("").strip();
    }

    private static void collect(
            String projection, SequencedDeadLetterQueue<EventMessage<?>> queue, List<DeadLetterView> items) {
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                EventMessage<?> event = letter.message();
                items.add(new DeadLetterView(
                        idOf(letter),
                        projection,
                        sequenceOf(letter),
                        event.getIdentifier(),
                        event.getPayloadType().getSimpleName(),
                        event instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                                ? domain.getAggregateIdentifier()
                                : null,
                        letter.cause().map(cause -> reason(cause.message())).orElse(null),
                        letter.enqueuedAt(),
                        letter.lastTouched()));
            }
        }
    }

    /** The sequence (an order's parked events) that holds the dead letter {@code id}; a retry takes it whole. */
    private static Optional<String> sequenceOf(SequencedDeadLetterQueue<EventMessage<?>> queue, String id) {
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (idOf(letter).equals(id)) {
                    return Optional.of(sequenceOf(letter));
                }
            }
        }
        return Optional.empty();
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIdentifier() : idOf(letter);
    }

    private static String idOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter instanceof JdbcDeadLetter<?> jdbc
                ? jdbc.getIdentifier()
                : letter.message().getIdentifier();
    }
}
