package io.orderinsight.infra.mongo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code orderinsight.mongo.*}: the read models' MongoDB.
 *
 * @param database the database holding read models and their tracking tokens
 * @param embedded the in-process MongoDB wire server, used when {@code spring.data.mongodb.uri} is not set
 */
@ConfigurationProperties("orderinsight.mongo")
public record MongoProperties(
        @DefaultValue("orderinsight") String database,
        @DefaultValue Embedded embedded) {

    /**
     * @param port 0 picks a free port
     * @param backend {@code memory} (read models and their tokens rebuild from the event store on every start) or
     *     {@code file} (kept in {@code <data-dir>/mongo/readmodels.mv} between runs)
     * @param heapPerMillionEvents the heap the memory backend's read models take per million stored events (measured,
     *     BENCHMARKS.md), for the check at start ({@link ReadModelMemory})
     */
    public record Embedded(
            @DefaultValue("27017") int port,
            @DefaultValue("memory") Backend backend,
            @DefaultValue("4300MB") DataSize heapPerMillionEvents) {}

    public enum Backend {
        MEMORY,
        FILE
    }
}
