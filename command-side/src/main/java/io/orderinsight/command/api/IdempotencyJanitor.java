package io.orderinsight.command.api;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Forgets idempotency records once they are older than the configured retention. */
public class IdempotencyJanitor {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyJanitor.class);

    private final IdempotencyStore store;
    private final Clock clock;
    private final Duration retention;

    public IdempotencyJanitor(IdempotencyStore store, Clock clock, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    public void purge() {
        int purged = store.purgeOlderThan(clock.instant(), retention);
        if (purged > 0) {
            log.info("forgot {} idempotency records older than {}", purged, retention);
        }
    }
}
