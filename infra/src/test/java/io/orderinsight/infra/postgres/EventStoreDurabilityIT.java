package io.orderinsight.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.OrderInsightProperties;
import io.orderinsight.infra.support.ApplicationIT;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The event store is durable by default, and a node refuses a PostgreSQL with fsync off unless told it is a dev run. */
class EventStoreDurabilityIT extends ApplicationIT {

    @Test
    void embeddedEventStoreRunsWithFsyncAndHealthShowsIt() {
        assertThat(jdbc().queryForObject("SHOW fsync", String.class)).isEqualTo("on");
        assertThat(jdbc().queryForObject("SHOW full_page_writes", String.class)).isEqualTo("on");

        JsonNode durability =
                api.get("/actuator/health").json().path("components").path("eventStoreDurability");

        assertThat(durability.path("status").asText()).isEqualTo("UP");
        assertThat(durability.path("details").path("fsync").asText()).isEqualTo("on");
        assertThat(durability.path("details").path("synchronous_commit").asText())
                .isEqualTo("on");
    }

    @Test
    void refusesAServerWithFsyncOffUnlessTheDevelopmentFlagAllowsIt() throws Exception {
        // the launcher's own default: -F, fsync off
        try (EmbeddedPostgres unsafe = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("orderinsight-fsync-off-"))
                .setCleanDataDirectory(true)
                .start()) {
            JdbcTemplate jdbc = new JdbcTemplate(unsafe.getPostgresDatabase());

            assertThatThrownBy(() -> EventStoreDurability.check(jdbc, postgres(false)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("fsync=off")
                    .hasMessageContaining("orderinsight.postgres.allow-fsync-off");

            EventStoreDurability allowed = EventStoreDurability.check(jdbc, postgres(true));
            assertThat(allowed.durable()).isFalse();
            assertThat(allowed.health().getStatus().getCode()).isEqualTo("DOWN");
            assertThat(allowed.health().getDetails()).containsEntry("fsync", "off");
        }
    }

    private static OrderInsightProperties.Postgres postgres(boolean allowFsyncOff) {
        return new OrderInsightProperties.Postgres(new OrderInsightProperties.Embedded(0), allowFsyncOff);
    }
}
