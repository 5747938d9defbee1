package io.orderinsight.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderinsight.stream.*}: the live stream's bounds.
 *
 * @param maxClients streams open at once on this node, whoever holds them
 * @param maxPerCaller streams one caller (an API key, a token subject) holds at once, so that no caller can take the
 *     slots of every other
 * @param heartbeat how often every stream gets a comment line: a client that went away is noticed, and its slot freed,
 *     by the write that fails
 */
@ConfigurationProperties("orderinsight.stream")
public record StreamSettings(
        @DefaultValue("500") int maxClients,
        @DefaultValue("8") int maxPerCaller,
        @DefaultValue("PT15S") Duration heartbeat) {}
