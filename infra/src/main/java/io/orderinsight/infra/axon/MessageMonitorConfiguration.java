package io.orderinsight.infra.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Message metrics of the event processors and the command bus ({@link ComponentMonitor}), in place of Axon's
 * Micrometer auto-configuration ({@code axon.metrics.auto-configuration.enabled: false}).
 */
@Configuration(proxyBeanMethods = false)
public class MessageMonitorConfiguration {

    @Bean
    ConfigurerModule componentMonitors(MeterRegistry registry) {
        return configurer -> configurer
                .configureMessageMonitor(
                        EventProcessor.class,
                        (configuration, type, name) -> new ComponentMonitor(registry, "event-processor", name))
                .configureMessageMonitor(
                        CommandBus.class,
                        (configuration, type, name) -> new ComponentMonitor(registry, "command-bus", name));
    }
}
