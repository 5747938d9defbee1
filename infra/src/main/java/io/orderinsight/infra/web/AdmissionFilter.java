package io.orderinsight.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderinsight.web.Problems;
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
 * until everything times out. A request that spent the whole wait in the queue is refused even if room is free when
 * it gets its thread: under sustained overload every request leaving the queue is old, and admitting the ones that
 * happen to find room would answer them seconds late while the queue never drains. Refusals are counted by cause
 * ({@code orderinsight.http.refused{cause=queued|busy}}). Health checks and the live stream (bounded on its own) are
 * always admitted.
 */
public class AdmissionFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore permits;
    private final Duration wait;
    private final ObjectMapper json;
    private final Counter refusedBusy;
    private final Counter refusedQueued;
    private final Timer queueWait;

    public AdmissionFilter(int maxConcurrent, Duration wait, ObjectMapper json, MeterRegistry meters) {
        this.permits = new Semaphore(maxConcurrent);
        this.wait = wait;
        this.json = json;
        this.refusedBusy = refusedCounter(meters, "busy");
        this.refusedQueued = refusedCounter(meters, "queued");
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
        long queued = QueueTimedExecutor.queuedNanos();
        queueWait.record(queued, TimeUnit.NANOSECONDS);
        // the wait for a request thread counts: a request that waited its time in the queue is refused at once, so
        // overload drains the queue with quick refusals and the requests behind it get through fresh
        long left = wait.toNanos() - queued;
        if (left <= 0) {
            refuse(response, refusedQueued);
            return;
        }
        boolean admitted;
        try {
            admitted = permits.tryAcquire(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            refuse(response, refusedBusy);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private void refuse(HttpServletResponse response, Counter refused) throws IOException {
        refused.increment();
        ProblemDetail problem = Problems.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "OVERLOADED",
                "the service is at capacity; retry after " + RETRY_AFTER_SECONDS + " s");
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static Counter refusedCounter(MeterRegistry meters, String cause) {
        return Counter.builder("orderinsight.http.refused")
                .description("API requests answered 429 OVERLOADED: queued (the admission wait spent waiting for a"
                        + " request thread) or busy (no room within the admission wait)")
                .tag("cause", cause)
                .register(meters);
    }
}
