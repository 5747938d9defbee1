package io.orderinsight.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderinsight.command.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounded request handling: at most {@code orderinsight.http.max-concurrent} API requests run at once; a request that
 * finds no room within {@code orderinsight.http.admission-wait} — counted from when it was queued for a request thread
 * ({@link QueueTimedExecutor}) — is answered 429 {@code OVERLOADED} with {@code Retry-After}, instead of queueing
 * until everything times out. Health checks and the live stream (bounded on its own)
 * are always admitted.
 */
public class AdmissionFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore permits;
    private final Duration wait;
    private final ObjectMapper json;
    private final Counter refused;
    private final Timer queueWait;

    public AdmissionFilter(int maxConcurrent, Duration wait, ObjectMapper json, MeterRegistry meters) {
        this.permits = new Semaphore(maxConcurrent);
        this.wait = wait;
        this.json = json;
        this.refused = Counter.builder("orderinsight.http.refused")
                .description("API requests answered 429 OVERLOADED")
                .register(meters);
        this.queueWait = Timer.builder("orderinsight.http.queue.wait")
                .description("how long API requests waited for a request thread")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") || path.equals("/api/v1/stream");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        long queued = QueueTimedExecutor.queuedNanos();
        queueWait.record(queued, TimeUnit.NANOSECONDS);
        try {
            // the wait for a request thread counts: a request that waited its time in the queue gets room only if
            // there is some at once, so overload drains the queue with quick refusals instead of growing it
            long left = wait.toNanos() - queued;
            admitted = left > 0 ? permits.tryAcquire(left, TimeUnit.NANOSECONDS) : permits.tryAcquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            refused.increment();
            ProblemDetail problem = Problems.of(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "OVERLOADED",
                    "the service is at capacity; retry after " + RETRY_AFTER_SECONDS + " s");
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
