package io.orderinsight.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderinsight.command.api.WriteAvailability;
import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.infra.support.Commands;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.test.context.TestPropertySource;

/**
 * A commit that a synchronous standby never confirms (here one that does not exist) is not left waiting: after the
 * commit timeout its wait is cancelled and the command answered 503 READ_ONLY, not the success PostgreSQL reports
 * for such a commit (committed locally, perhaps not on the standby). Once commits are confirmed again, the same
 * idempotency key answers the command's stored answer, and it was stored once. The probe is left to the test (one
 * hour apart), so that the command meets the waiting commit rather than a node already read-only.
 */
@TestPropertySource(properties = {"orderinsight.writes.probe-interval=PT1H", "orderinsight.writes.commit-timeout=PT2S"})
class UnconfirmedCommitIT extends ApplicationIT {

    @Autowired
    private WriteAvailability writes;

    @AfterEach
    void confirmedAgain() {
        synchronousStandby("");
        awaitWritable();
    }

    @Test
    void aCommitNoStandbyConfirmsIsAnsweredReadOnlyAndItsKeyAnswersItOnceConfirmed() {
        double unconfirmedBefore = api.metric("orderinsight.writes.unconfirmed-commits");
        synchronousStandby("missing");

        String order = unique("o-uc");
        String key = unique("key");
        String body = Commands.placeOrder(order, "c-uc", "USD", 1_200, 1);
        Api.Reply waited = api.post("/api/v1/orders", body, Map.of("Idempotency-Key", key));

        assertThat(waited.status()).as(waited.body()).isEqualTo(503);
        assertThat(waited.code()).isEqualTo("READ_ONLY");
        assertThat(waited.json().path("detail").asText()).contains("synchronous standby");
        assertThat(waited.retryAfter()).isPresent();
        assertThat(api.metric("orderinsight.writes.unconfirmed-commits")).isEqualTo(unconfirmedBefore + 1);

        synchronousStandby("");
        awaitWritable();
        Api.Reply again = api.post("/api/v1/orders", body, Map.of("Idempotency-Key", key));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.version()).isEqualTo(1);
        assertThat(events.eventTypesOf(order)).containsExactly("OrderPlacedEvent");
    }

    /** Probes until the node takes commands again (each server process reads the reloaded settings on its own). */
    private void awaitWritable() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            writes.probe();
            return writes.readOnly().isEmpty();
        });
    }

    /** Sets the standbys every commit waits for ("": none), as a primary with a synchronous standby has them. */
    private void synchronousStandby(String names) {
        jdbc().execute((ConnectionCallback<Void>) connection -> {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER SYSTEM SET synchronous_standby_names = '" + names + "'");
                statement.execute("SELECT pg_reload_conf()");
            }
            return null;
        });
    }
}
