package io.orderinsight.query;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/v1/stream}: Server-Sent Events — {@code overview} on connect and on every change. */
@RestController
public class StreamController {

    private final LiveStream stream;

    public StreamController(LiveStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/api/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream() {
        return stream.connect()
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.TOO_MANY_REQUESTS, "too many live stream clients; retry later"));
    }
}
