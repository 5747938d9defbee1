package io.orderinsight.infra.postgres;

import io.orderinsight.command.api.WriteAvailability;
import io.orderinsight.infra.OrderInsightProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The durability of the PostgreSQL the node runs on, embedded or external, checked at start ({@link
 * EventStoreDurability}), and whether it takes writes now ({@link WritesHealth}).
 */
@Configuration(proxyBeanMethods = false)
public class DurabilityConfiguration {

    @Bean
    EventStoreDurability eventStoreDurability(JdbcTemplate jdbc, OrderInsightProperties properties) {
        return EventStoreDurability.check(jdbc, properties.postgres());
    }

    @Bean
    WritesHealth writes(WriteAvailability writes) {
        return new WritesHealth(writes);
    }
}
