package io.orderinsight.infra.postgres;

import io.orderinsight.infra.OrderInsightProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The durability of the PostgreSQL the node runs on, embedded or external, checked at start ({@link EventStoreDurability}). */
@Configuration(proxyBeanMethods = false)
public class DurabilityConfiguration {

    @Bean
    EventStoreDurability eventStoreDurability(JdbcTemplate jdbc, OrderInsightProperties properties) {
        return EventStoreDurability.check(jdbc, properties.postgres());
    }
}
