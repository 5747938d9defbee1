package io.orderinsight.command.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** An HTTP answer as stored for an idempotency key, so that a retry gets the same bytes. */
public record Answer(int status, String location, String body) {

    public boolean isStorable() {
        return status < 500;
    }

    public ResponseEntity<String> toResponse() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(status < 300 ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON);
        if (location != null) {
            headers.setLocation(java.net.URI.create(location));
        }
        return ResponseEntity.status(status).headers(headers).body(body);
    }
}
