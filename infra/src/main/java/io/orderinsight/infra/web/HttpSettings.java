package io.orderinsight.infra.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code orderinsight.http.*}: the limits every HTTP request meets before anything else runs.
 *
 * @param maxConcurrent API requests handled at once (below the web server's 200 threads)
 * @param admissionWait how long a request waits for room before it is answered 429 {@code OVERLOADED}
 * @param maxBody the largest request body accepted; a larger one is answered 413 {@code PAYLOAD_TOO_LARGE} without
 *     being read
 */
@ConfigurationProperties("orderinsight.http")
public record HttpSettings(
        @DefaultValue("150") int maxConcurrent,
        @DefaultValue("PT0.2S") Duration admissionWait,
        @DefaultValue("1MB") DataSize maxBody) {}
