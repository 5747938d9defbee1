package io.orderinsight.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderinsight.query.InsightQueryController;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Once the node is ready, runs the dashboard's insight queries once in-process and sends itself one request over HTTP,
 * in the background: the first request a node served took 350–500 ms, most of it loading the classes of the request
 * path (the security chain, the MVC invocation, the queries, the answers' JSON) from the application's jar, which
 * the first user of the dashboard after a deploy would otherwise wait for. Its answers are discarded; a failure is
 * logged and changes nothing. {@code orderinsight.warm-up.enabled=false} turns it off; the timer {@code
 * orderinsight.startup.warm-up} says how long it took.
 */
@Component
@ConditionalOnProperty(prefix = "orderinsight.warm-up", name = "enabled", matchIfMissing = true)
public class StartupWarmUp {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmUp.class);

    private final InsightQueryController insight;
    private final ObjectMapper json;
    private final Environment environment;
    private final Clock clock;
    private final Timer took;

    public StartupWarmUp(
            InsightQueryController insight,
            ObjectMapper json,
            Environment environment,
            Clock clock,
            MeterRegistry meters) {
        this.insight = insight;
        this.json = json;
        this.environment = environment;
        this.clock = clock;
        this.took = Timer.builder("orderinsight.startup.warm-up")
                .description("the dashboard's queries and one request run once when the node became ready")
                .register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        Thread thread = new Thread(this::warmUp, "startup-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    void warmUp() {
        long began = System.nanoTime();
        try {
            String month = clock.instant()
                    .truncatedTo(ChronoUnit.DAYS)
                    .minus(Duration.ofDays(29))
                    .toString();
            String week = clock.instant()
                    .truncatedTo(ChronoUnit.DAYS)
                    .minus(Duration.ofDays(6))
                    .toString();
            discard(insight.overview(null, null, null));
            discard(insight.sales(month, null, "DAY", null, null));
            discard(insight.sales(month, null, "TOTAL", "seller", null));
            discard(insight.funnel(week, null, null));
            String port = environment.getProperty("local.server.port");
            if (port != null) {
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
            }
            long nanos = System.nanoTime() - began;
            took.record(Duration.ofNanos(nanos));
            log.info("warmed up the dashboard's queries and the request path in {} ms", nanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("could not warm up the dashboard's queries: {}", e.toString());
        }
    }

    private void discard(Object answer) throws java.io.IOException {
        json.writeValue(OutputStream.nullOutputStream(), answer);
    }
}
