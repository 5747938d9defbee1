package io.orderinsight.infra.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A client of {@code GET /api/v1/stream}: its events, read line by line. */
public final class ServerSentEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerSentEvents() {}

    /** Opens the stream of the application on {@code port} with the test key that holds every role. */
    public static HttpResponse<Stream<String>> open(int port) throws Exception {
        return open(port, TestKeys.ALL);
    }

    /** Opens the stream of the application on {@code port} as the caller of {@code key}. */
    public static HttpResponse<Stream<String>> open(int port, String key) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/stream"))
                                .header("Accept", "text/event-stream")
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
    }

    /** The data of the next event named {@code name}, waiting at most 20 s. */
    public static JsonNode nextEvent(Iterator<String> lines, String name) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
                    boolean wanted = false;
                    while (lines.hasNext()) {
                        String line = lines.next();
                        if (line.startsWith("event:")) {
                            wanted = line.equals("event:" + name);
                        } else if (wanted && line.startsWith("data:")) {
                            try {
                                return JSON.readTree(line.substring("data:".length()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                    throw new IllegalStateException("stream ended");
                })
                .get(20, TimeUnit.SECONDS);
    }

    /** What a stream client saw: the orders of the overview before an action, and of the first overview that changed. */
    public record OrdersSeen(long before, long after) {}

    /**
     * Opens the stream of the application on {@code port}, reads its first overview, runs {@code action}, and waits
     * for the next overview whose order count differs (at most 30 s; then {@code after} equals {@code before}).
     */
    public static OrdersSeen ordersAround(int port, Runnable action) throws Exception {
        return ordersAround(port, null, action);
    }

    /**
     * As {@link #ordersAround(int, Runnable)}, counting the orders of {@code currency} only (all when null): what other
     * tests' orders do to the overview meanwhile does not count.
     */
    public static OrdersSeen ordersAround(int port, String currency, Runnable action) throws Exception {
        HttpResponse<Stream<String>> stream = open(port);
        try {
            Iterator<String> lines = stream.body().iterator();
            long before = ordersIn(nextEvent(lines, "overview"), currency);
            action.run();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long after = before;
            while (after == before && System.nanoTime() < deadline) {
                after = ordersIn(nextEvent(lines, "overview"), currency);
            }
            return new OrdersSeen(before, after);
        } finally {
            stream.body().close();
        }
    }

    /** The orders of an overview event, over its currencies. */
    /** The orders an overview counts in {@code currency} (in every currency when null). */
    public static long ordersIn(JsonNode overview, String currency) {
        return currency == null
                ? ordersIn(overview)
                : overview.path("currencies").path(currency).path("orders").asLong();
    }

    public static long ordersIn(JsonNode overview) {
        long orders = 0;
        for (JsonNode currency : overview.path("currencies")) {
            orders += currency.path("orders").asLong();
        }
        return orders;
    }
}
