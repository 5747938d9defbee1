package io.orderinsight.query;

import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/stream}: Server-Sent Events — {@code overview} on connect and on every change, {@code alert} for
 * each new alert, a comment line as heartbeat. A caller beyond its share of streams, or any caller on a full node, is
 * answered 429 {@code OVERLOADED} with {@code Retry-After}.
 */
@RestController
public class StreamController {

    private final LiveStream stream;

    public StreamController(LiveStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/api/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(Principal caller) {
        LiveStream.Admission admission = stream.connect(caller == null ? "anonymous" : caller.getName());
        if (admission instanceof LiveStream.Admission.Refused refused) {
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, refused.reason() + "; retry later");
        }
        return ((LiveStream.Admission.Admitted) admission).emitter();
    }
}
