package io.orderinsight.command.api;

import java.util.Map;

/**
 * One command as the HTTP layer received it.
 *
 * @param targetType the aggregate type the answer is about
 * @param targetId the id of that aggregate
 * @param location where a created resource lives (201), or null for a change (200)
 * @param requestHash a digest of method, path and body, to tell a retry from a reuse of its idempotency key
 */
public record CommandCall(
        Object command,
        String targetType,
        String targetId,
        String location,
        String idempotencyKey,
        String requestHash,
        String correlationId,
        Map<String, String> origin) {

    /** @param origin further metadata about where the command came from (a Kafka record's coordinates) */
    public CommandCall {
        origin = origin == null ? Map.of() : Map.copyOf(origin);
    }
}
