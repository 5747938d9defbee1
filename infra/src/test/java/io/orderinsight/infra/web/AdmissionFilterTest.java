package io.orderinsight.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Requests beyond the bound are answered 429 OVERLOADED with Retry-After; health and the stream always pass. */
class AdmissionFilterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AdmissionFilter filter = new AdmissionFilter(1, Duration.ofMillis(50), new ObjectMapper(), meters);

    @Test
    void refusesARequestBeyondTheBoundAndAdmitsAgainOnceThereIsRoom() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread first = holding(filter, release);

        MockHttpServletResponse refused = new MockHttpServletResponse();
        filter.doFilter(request("/api/v1/orders"), refused, new MockFilterChain());
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString())
                .contains("\"code\":\"OVERLOADED\"")
                .doesNotContain("Exception");

        MockHttpServletResponse stream = new MockHttpServletResponse();
        filter.doFilter(request("/api/v1/stream"), stream, new MockFilterChain());
        assertThat(stream.getStatus()).isEqualTo(200);
        MockHttpServletResponse health = new MockHttpServletResponse();
        filter.doFilter(request("/actuator/health"), health, new MockFilterChain());
        assertThat(health.getStatus()).isEqualTo(200);

        release.countDown();
        first.join();
        MockHttpServletResponse admitted = new MockHttpServletResponse();
        filter.doFilter(request("/api/v1/orders"), admitted, new MockFilterChain());
        assertThat(admitted.getStatus()).isEqualTo(200);
        assertThat(meters.counter("orderinsight.http.refused", "cause", "busy").count())
                .isEqualTo(1);
    }

    /**
     * The wait for a request thread is measured and counted: a request that spent the admission wait in the queue is
     * refused even though room is free when it gets its thread.
     */
    @Test
    void refusesARequestThatSpentItsWaitInTheQueueEvenWithRoomFree() throws Exception {
        QueueTimedExecutor threads = new QueueTimedExecutor(1, 1, "test-exec-");
        try {
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch free = new CountDownLatch(1);
            threads.execute(() -> {
                busy.countDown();
                try {
                    free.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sleep(150);
            });
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
            // the one thread busy: the next request waits in the queue first; the filter's one permit stays free
            AdmissionFilter bound = new AdmissionFilter(1, Duration.ofMillis(50), new ObjectMapper(), meters);
            MockHttpServletResponse queued = new MockHttpServletResponse();
            long[] waited = new long[1];
            CountDownLatch done = new CountDownLatch(1);
            threads.execute(() -> {
                waited[0] = QueueTimedExecutor.queuedNanos();
                try {
                    bound.doFilter(request("/api/v1/orders"), queued, new MockFilterChain());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
            free.countDown(); // the busy thread goes on for 150 ms, then takes the queued request
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(waited[0]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
            assertThat(queued.getStatus()).isEqualTo(429);
            assertThat(queued.getContentAsString()).contains("\"code\":\"OVERLOADED\"");
            assertThat(meters.counter("orderinsight.http.refused", "cause", "queued")
                            .count())
                    .isEqualTo(1);
            assertThat(meters.timer("orderinsight.http.queue.wait").max(TimeUnit.MILLISECONDS))
                    .isGreaterThanOrEqualTo(100);
            assertThat(QueueTimedExecutor.queuedNanos())
                    .as("outside the executor's work")
                    .isZero();

            // a request that did not wait in the queue gets the free permit
            MockHttpServletResponse fresh = new MockHttpServletResponse();
            bound.doFilter(request("/api/v1/orders"), fresh, new MockFilterChain());
            assertThat(fresh.getStatus()).isEqualTo(200);
        } finally {
            threads.shutdown();
        }
    }

    /** A request that holds a permit of {@code filter} until {@code release}; started and inside when returned. */
    private static Thread holding(AdmissionFilter filter, CountDownLatch release) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try {
                filter.doFilter(request("/api/v1/orders"), new MockHttpServletResponse(), (req, res) -> {
                    inside.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRequestURI(path);
        return request;
    }
}
