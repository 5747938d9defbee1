package io.orderinsight.infra.postgres;

import io.orderinsight.infra.OrderInsightProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether the PostgreSQL that holds the event store keeps what it acknowledged through a power loss or kernel crash:
 * {@code fsync} and {@code full_page_writes} on, {@code synchronous_commit} not off. Checked once at start — a node refuses to
 * run on a server with {@code fsync} off unless {@code orderinsight.postgres.allow-fsync-off} says it is a development
 * run — and shown by health ({@code eventStoreDurability}): DOWN while any of them is off.
 */
public final class EventStoreDurability implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(EventStoreDurability.class);

    static final List<String> SETTINGS = List.of("fsync", "full_page_writes", "synchronous_commit");

    private final Map<String, String> settings;

    private EventStoreDurability(Map<String, String> settings) {
        this.settings = settings;
    }

    /** Reads the server's settings; refuses a server with fsync off unless {@code postgres} allows it. */
    public static EventStoreDurability check(JdbcTemplate jdbc, OrderInsightProperties.Postgres postgres) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : SETTINGS) {
            settings.put(name, jdbc.queryForObject("SELECT current_setting(?)", String.class, name));
        }
        EventStoreDurability durability = new EventStoreDurability(settings);
        if (!"on".equals(settings.get("fsync"))) {
            if (!postgres.allowFsyncOff()) {
                throw new IllegalStateException(
                        "the event store's PostgreSQL runs with fsync=off: a power loss can lose"
                                + " acknowledged commands; turn fsync on, or set orderinsight.postgres.allow-fsync-off=true"
                                + " for a development run");
            }
            log.warn(
                    "the event store's PostgreSQL runs with fsync=off (orderinsight.postgres.allow-fsync-off):"
                            + " not durable against a power loss; {}",
                    settings);
        } else if (!durability.durable()) {
            log.warn("the event store's PostgreSQL is not fully durable: {}", settings);
        }
        return durability;
    }

    /** {@code synchronous_commit} may also wait for standbys ({@code remote_write}, …); only off gives up durability. */
    public boolean durable() {
        return "on".equals(settings.get("fsync"))
                && "on".equals(settings.get("full_page_writes"))
                && !"off".equals(settings.get("synchronous_commit"));
    }

    @Override
    public Health health() {
        return (durable() ? Health.up() : Health.down()).withDetails(settings).build();
    }
}
