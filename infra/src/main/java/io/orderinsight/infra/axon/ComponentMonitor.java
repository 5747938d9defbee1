package io.orderinsight.infra.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Counts and times the messages one Axon component handles (an event processor, the command bus), its meters made
 * once: {@code orderinsight.messages{component, name, outcome}} and {@code orderinsight.messages.handling{component,
 * name}}. Axon's own Micrometer monitors (4.13) look each meter up in the registry for every message, in every
 * processor: about a tenth of the CPU under the command-path load (BENCHMARKS.md).
 */
final class ComponentMonitor implements MessageMonitor<Message<?>> {

    private final Counter succeeded;
    private final Counter failed;
    private final Counter ignored;
    private final Timer handling;

    ComponentMonitor(MeterRegistry registry, String component, String name) {
        this.succeeded = outcome(registry, component, name, "success");
        this.failed = outcome(registry, component, name, "failure");
        this.ignored = outcome(registry, component, name, "ignored");
        this.handling = Timer.builder("orderinsight.messages.handling")
                .description("time from a message's arrival at the component to its handling's end")
                .tag("component", component)
                .tag("name", name)
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String component, String name, String outcome) {
        return Counter.builder("orderinsight.messages")
                .description("messages handled, by outcome (ignored: no handler of the component took it)")
                .tag("component", component)
                .tag("name", name)
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        long arrived = System.nanoTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                handling.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
                succeeded.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                failed.increment();
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
            }
        };
    }
}
