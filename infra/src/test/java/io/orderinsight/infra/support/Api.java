package io.orderinsight.infra.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client for driving the running application through its real entry point. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String key;

    /** Calls with {@link TestKeys#ALL}, the test key that holds every role. */
    public Api(int port) {
        this(port, TestKeys.ALL);
    }

    /** @param key the API key sent as {@code Authorization: Bearer}, or null to send none */
    public Api(int port, String key) {
        this.base = "http://localhost:" + port;
        this.key = key;
    }

    /** The same application, called with {@code key} (null: no credentials). */
    public Api as(String key) {
        return new Api(port(), key);
    }

    public int port() {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    /** Any request, with this client's key unless the request sets its own Authorization header. */
    public Reply call(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request, headers.containsKey("Authorization"));
    }

    public Reply post(String path, String body) {
        return post(path, body, Map.of());
    }

    public Reply post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request, headers.containsKey("Authorization"));
    }

    public Reply put(String path, String body) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)),
                false);
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), false);
    }

    /** The first measurement of an actuator metric, {@code query} being its name and tags ({@code name?tag=k:v}). */
    /** Whether the node takes commands now ({@code GET /api/v1/status}): ACCEPTED or READ_ONLY. */
    public String commands() {
        return get("/api/v1/status").json().path("commands").asText();
    }

    public double metric(String query) {
        return get("/actuator/metrics/" + query)
                .json()
                .path("measurements")
                .get(0)
                .path("value")
                .asDouble();
    }

    /**
     * The job a 202 answer started, once it is no longer RUNNING (waiting at most {@code patience}); it must have
     * SUCCEEDED.
     */
    public JsonNode succeededJob(Reply accepted, Duration patience) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String job = accepted.location().orElseThrow();
        await().atMost(patience)
                .until(() -> !"RUNNING".equals(get(job).json().path("status").asText()));
        JsonNode finished = get(job).json();
        assertThat(finished.path("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
        return finished;
    }

    private Reply send(HttpRequest.Builder request, boolean ownAuthorization) {
        if (key != null && !ownAuthorization) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location"),
                    response.headers().firstValue("Retry-After"),
                    response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, content type, Location and Retry-After headers, and body. */
    public record Reply(
            int status, String contentType, Optional<String> location, Optional<String> retryAfter, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        public String code() {
            return json().path("code").asText();
        }

        public long version() {
            return json().path("version").asLong();
        }
    }
}
