package io.orderinsight.infra;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderinsight.*}: where the embedded engines keep their files, and on which ports they listen.
 *
 * @param dataDir where embedded engines keep their files between runs
 * @param nodeId see {@link #node()}
 */
@ConfigurationProperties("orderinsight")
public record OrderInsightProperties(
        @DefaultValue("./data") Path dataDir, @DefaultValue Postgres postgres, String nodeId) {

    /**
     * The name this node claims processor segments under in the token stores: {@code orderinsight.node-id}, by default
     * the JVM's {@code pid@host}. Nodes sharing the stores need different names.
     */
    public String node() {
        return nodeId == null || nodeId.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName()
                : nodeId;
    }

    /**
     * {@code orderinsight.postgres.*}.
     *
     * @param embedded the embedded server, unused when {@code spring.datasource.url} is set
     * @param allowFsyncOff a development flag: run the event store on a PostgreSQL with {@code fsync} off, where a
     *     power loss or kernel crash can lose acknowledged commands (refused at start unless set)
     */
    public record Postgres(
            @DefaultValue Embedded embedded,
            @DefaultValue("false") boolean allowFsyncOff) {}

    /** @param port 0 picks a free port */
    public record Embedded(@DefaultValue("5433") int port) {}
}
