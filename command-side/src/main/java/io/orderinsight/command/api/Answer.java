package io.orderinsight.command.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An HTTP answer as stored for an idempotency key, so that a retry gets the same bytes. A 503 (the node read-only) is
 * never stored and says when to retry.
 */
public record Answer(int status, String location, String body) {

    /** What a 503's {@code Retry-After} says, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 2;

    public boolean isStorable() {
        return status < 500;
    }

    public ResponseEntity<String> toResponse() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(status < 300 ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON);
        if (location != null) {
            headers.setLocation(java.net.URI.create(location));
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        }
        return ResponseEntity.status(status).headers(headers).body(body);
    }
}
