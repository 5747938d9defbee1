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
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = new Thread(() -> {
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
        first.start();
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

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
        assertThat(meters.counter("orderinsight.http.refused").count()).isEqualTo(1);
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRequestURI(path);
        return request;
    }
}
