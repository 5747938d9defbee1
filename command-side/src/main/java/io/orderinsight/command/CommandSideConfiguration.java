package io.orderinsight.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.command.api.CommandEndpoint;
import io.orderinsight.command.api.CommandExecutor;
import io.orderinsight.command.api.IdempotencyJanitor;
import io.orderinsight.command.api.IdempotencyStore;
import io.orderinsight.command.api.WriteAvailability;
import io.orderinsight.command.order.Order;
import io.orderinsight.command.payment.Payment;
import io.orderinsight.command.payment.PaymentCommandHandler;
import io.orderinsight.command.privacy.CustomerPrivacy;
import io.orderinsight.command.privacy.JdbcPersonalDataVault;
import io.orderinsight.command.privacy.PersonalDataVault;
import io.orderinsight.command.privacy.PrivacyCommandHandler;
import io.orderinsight.command.refund.Refund;
import io.orderinsight.command.refund.RefundCommandHandler;
import io.orderinsight.command.refund.RefundReviewPolicy;
import io.orderinsight.command.support.AggregateNotFoundInterceptor;
import io.orderinsight.command.support.AggregateSettings;
import io.orderinsight.command.support.ChangedAggregatesInterceptor;
import io.orderinsight.command.support.CommittedStateCache;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The write side's wiring: cross-aggregate handlers, interceptors, idempotent HTTP execution, snapshots. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandSideProperties.class)
public class CommandSideConfiguration {

    @Bean
    PaymentCommandHandler paymentCommandHandler(
            @Qualifier("orderRepository") Repository<Order> orders,
            @Qualifier("paymentRepository") Repository<Payment> payments) {
        return new PaymentCommandHandler(orders, payments);
    }

    @Bean
    RefundCommandHandler refundCommandHandler(
            @Qualifier("orderRepository") Repository<Order> orders,
            @Qualifier("paymentRepository") Repository<Payment> payments,
            @Qualifier("refundRepository") Repository<Refund> refunds,
            EventStore eventStore,
            RefundReviewPolicy reviewPolicy) {
        return new RefundCommandHandler(orders, payments, refunds, eventStore, reviewPolicy);
    }

    @Bean
    JdbcPersonalDataVault personalDataVault(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        return new JdbcPersonalDataVault(jdbc, json, clock);
    }

    @Bean
    PrivacyCommandHandler privacyCommandHandler(
            @Qualifier("customerPrivacyRepository") Repository<CustomerPrivacy> customers, PersonalDataVault vault) {
        return new PrivacyCommandHandler(customers, vault);
    }

    @Bean(AggregateSettings.ORDER_CACHE)
    Cache orderCache() {
        return new CommittedStateCache();
    }

    @Bean(AggregateSettings.PAYMENT_CACHE)
    Cache paymentCache() {
        return new CommittedStateCache();
    }

    @Bean(AggregateSettings.REFUND_CACHE)
    Cache refundCache() {
        return new CommittedStateCache();
    }

    @Bean(AggregateSettings.SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter, CommandSideProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    @Bean
    IdempotencyStore idempotencyStore(JdbcTemplate jdbc) {
        return new IdempotencyStore(jdbc);
    }

    @Bean
    IdempotencyJanitor idempotencyJanitor(IdempotencyStore store, Clock clock, CommandSideProperties properties) {
        return new IdempotencyJanitor(store, clock, properties.idempotencyRetention());
    }

    @Bean
    CommandExecutor commandExecutor(
            org.axonframework.commandhandling.gateway.CommandGateway gateway,
            IdempotencyStore idempotency,
            PlatformTransactionManager transactions,
            ObjectMapper json,
            Clock clock,
            CommandSideProperties properties,
            WriteAvailability writes) {
        return new CommandExecutor(
                gateway,
                idempotency,
                new TransactionTemplate(transactions),
                json,
                clock,
                properties.maxAttempts(),
                writes);
    }

    @Bean(destroyMethod = "stop")
    WriteAvailability writeAvailability(
            DataSource dataSource,
            Clock clock,
            @Value("${orderinsight.writes.probe-interval:PT1S}") Duration probeInterval) {
        WriteAvailability writes = new WriteAvailability(dataSource, clock);
        writes.start(probeInterval);
        return writes;
    }

    @Bean
    CommandEndpoint commandEndpoint(
            CommandExecutor executor, ObjectMapper json, Clock clock, CommandSideProperties properties) {
        return new CommandEndpoint(executor, json, clock, properties.acceptedTimes());
    }

    @Autowired
    void registerInterceptors(CommandBus commandBus, EventStore eventStore) {
        var changed = new ChangedAggregatesInterceptor();
        commandBus.registerHandlerInterceptor(changed);
        commandBus.registerHandlerInterceptor(new AggregateNotFoundInterceptor());
        eventStore.registerDispatchInterceptor(changed);
    }
}
