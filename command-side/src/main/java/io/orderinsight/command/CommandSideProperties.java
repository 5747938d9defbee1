package io.orderinsight.command;

import io.orderinsight.domain.shared.AcceptedTimes;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderinsight.commands.*}.
 *
 * @param snapshotThreshold events after which an aggregate is snapshotted
 * @param maxAttempts attempts of a command that keeps losing optimistic-lock races before CONCURRENT_MODIFICATION
 * @param idempotencyRetention how long idempotency keys are honoured (at least 24 hours)
 * @param clockSkew how far ahead of this system's clock an upstream {@code occurredAt} (or a query's time) may lie
 */
@ConfigurationProperties("orderinsight.commands")
public record CommandSideProperties(
        @DefaultValue("50") int snapshotThreshold,
        @DefaultValue("12") int maxAttempts,
        @DefaultValue("48h") Duration idempotencyRetention,
        @DefaultValue("15m") Duration clockSkew) {

    public CommandSideProperties {
        if (idempotencyRetention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("orderinsight.commands.idempotency-retention must be at least 24h");
        }
    }

    /** The times commands may carry. */
    public AcceptedTimes acceptedTimes() {
        return new AcceptedTimes(clockSkew);
    }
}
