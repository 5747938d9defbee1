package io.orderinsight.infra.postgres;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderinsight.command.api.WriteAvailability;
import io.orderinsight.infra.OrderInsightProperties;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The durability of the PostgreSQL the node runs on, embedded or external, checked at start ({@link
 * EventStoreDurability}), whether it takes writes now ({@link WritesHealth}), and the transactions whose commits never
 * wait for long ({@link ConfirmedCommits}).
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

    /** The application's transactions, whose commits never wait for long ({@link ConfirmedCommits}). */
    @Bean
    PlatformTransactionManager transactionManager(
            DataSource dataSource,
            @Value("${orderinsight.writes.commit-timeout:PT5S}") Duration commitTimeout,
            MeterRegistry meters) {
        return new ConfirmedCommits(dataSource, commitTimeout, meters);
    }
}
