package io.orderinsight.audit.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One stored event of a case, as auditors see it.
 *
 * @param type the event's payload type (its simple class name)
 * @param sequence the event's sequence number in its aggregate (version = sequence + 1)
 * @param recordedAt when the event store recorded it (the clock of {@code asOf})
 * @param occurredAt when it happened upstream
 * @param correlationId the id of the first message of the chain that caused it
 * @param causationId the id of the message that caused it
 * @param chainSeq its link in the hash chain, once chained
 * @param hash that link's hash
 */
public record CaseEvent(
        String eventId,
        String type,
        String aggregateType,
        String aggregateId,
        long sequence,
        long globalPosition,
        Instant recordedAt,
        Instant occurredAt,
        String principal,
        String correlationId,
        String causationId,
        Long chainSeq,
        String hash,
        JsonNode payload) {}
