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
 * @param heartbeat the longest a client that went away keeps its slot: every stream gets a comment line twice in
 *     this time, and the second write to a closed connection fails and frees the slot
 */
@ConfigurationProperties("orderinsight.stream")
public record StreamSettings(
        @DefaultValue("500") int maxClients,
        @DefaultValue("8") int maxPerCaller,
        @DefaultValue("PT15S") Duration heartbeat) {}
