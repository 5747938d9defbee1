package io.orderinsight.infra;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderinsight.*}: where the embedded engines keep their files, and on which ports they listen.
 *
 * @param dataDir where embedded engines keep their files between runs
 */
@ConfigurationProperties("orderinsight")
public record OrderInsightProperties(
        @DefaultValue("./data") Path dataDir, @DefaultValue Postgres postgres) {

    /** {@code orderinsight.postgres.embedded.*}: unused when {@code spring.datasource.url} is set. */
    public record Postgres(@DefaultValue Embedded embedded) {}

    /** @param port 0 picks a free port */
    public record Embedded(@DefaultValue("5433") int port) {}
}
