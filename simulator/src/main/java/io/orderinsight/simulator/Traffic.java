package io.orderinsight.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulator's side of the HTTP API: each upstream command, sent with the simulator's key and its own idempotency
 * key (so a retry after a timeout cannot count twice), recorded in the ledger as accepted or rejected; and the reads
 * the reconciliation needs.
 */
final class Traffic {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;
    private final Ledger ledger;
    private final KafkaCommands kafka;

    /** @param kafka where commands go instead of HTTP, or null */
    Traffic(String base, String key, Ledger ledger, KafkaCommands kafka) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.key = key;
        this.ledger = ledger;
        this.kafka = kafka;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** When the current thread's commands happen upstream, for history; null: now (the receipt time). */
    private static final ThreadLocal<Instant[]> HAPPENED = new ThreadLocal<>();

    /**
     * Until called again with null, this thread's commands carry {@code occurredAt}: {@code at}, then a second later
     * for each command after it (one order's commands in their order).
     */
    static void happenedAt(Instant at) {
        if (at == null) {
            HAPPENED.remove();
        } else {
            HAPPENED.set(new Instant[] {at});
        }
    }

    /** Sends a command about order {@code orderId}; true when it was accepted. */
    boolean command(String orderId, String path, ObjectNode given, String idempotencyKey) {
        ObjectNode body = given;
        Instant[] happened = HAPPENED.get();
        if (happened != null) {
            body = given == null ? object() : given;
            body.put("occurredAt", happened[0].toString());
            happened[0] = happened[0].plusSeconds(1);
        }
        if (kafka != null) {
            try {
                JsonNode result = kafka.send(orderId, path, body, idempotencyKey);
                boolean accepted =
                        result != null && result.path("status").asText().equals("ACCEPTED");
                ledger.sent(
                        accepted,
                        accepted ? null : path + " → " + (result == null ? "no result within a minute" : result));
                return accepted;
            } catch (Exception e) {
                ledger.sent(false, path + " → " + e);
                return false;
            }
        }
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString()));
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if ((status == 429 || status >= 500) && attempt < 10) {
                    pause(attempt);
                    continue;
                }
                boolean accepted = status >= 200 && status < 300;
                ledger.sent(accepted, accepted ? null : path + " → " + status + " " + response.body());
                return accepted;
            } catch (IOException e) {
                if (attempt >= 10) {
                    ledger.sent(false, path + " → " + e);
                    return false;
                }
                pause(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** A read; throws when it does not answer 200. */
    JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + key)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(2_000, 50L * attempt * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
