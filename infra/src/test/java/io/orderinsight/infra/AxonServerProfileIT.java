package io.orderinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.support.RunningApplication;
import java.nio.file.Path;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code axonserver} profile moves the event store and the buses to Axon Server. No Axon Server runs here (it is
 * not on Maven Central and there is no container engine), so this checks the wiring without connecting: the
 * connector's beans replace the JDBC event store and the command bus, pointed at the configured servers and not
 * connected. The processors run subscribing here, unlike the profile's pooled ones, which need a live server to start.
 */
class AxonServerProfileIT {

    @TempDir
    Path dataDir;

    @Test
    void wiresTheAxonServerConnectorInsteadOfTheJdbcEventStore() {
        try (RunningApplication app = RunningApplication.start(
                dataDir,
                "--spring.profiles.active=axonserver",
                "--axon.axonserver.servers=localhost:1",
                // the profile's pooled processors initialize their tokens from Axon Server when they start and the
                // node does not start without one (the coordinator gives up after 30 tries); none runs here
                "--axon.eventhandling.processors.views.mode=subscribing",
                "--axon.eventhandling.processors.insight.mode=subscribing",
                "--axon.eventhandling.processors.risk-rules.mode=subscribing",
                "--axon.eventhandling.processors.risk-deadlines.mode=subscribing",
                "--axon.eventhandling.processors.kafka-publisher.mode=subscribing",
                "--axon.eventhandling.processors.audit-index.mode=subscribing",
                "--axon.eventhandling.processors.audit-chain.mode=subscribing")) {
            var context = app.context();
            assertThat(context.getBean(AxonServerConfiguration.class).getServers())
                    .isEqualTo("localhost:1");
            AxonServerConnectionManager connections = context.getBean(AxonServerConnectionManager.class);
            assertThat(connections.getDefaultContext()).isEqualTo("default");
            assertThat(connections.isConnected(connections.getDefaultContext())).isFalse();
            assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(context.getBean("axonServerCommandBus", CommandBus.class))
                    .isInstanceOf(AxonServerCommandBus.class);
            assertThat(context.getBeansOfType(EventStorageEngine.class).values())
                    .noneMatch(engine -> engine.getClass().getSimpleName().startsWith("Jdbc"));
        }
    }
}
