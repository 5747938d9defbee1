package io.orderinsight.infra.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderinsight.kafka.*}: the embedded broker and the topics of the Kafka contract.
 *
 * @param embedded the in-process broker, started when {@code spring.kafka.bootstrap-servers} is not set
 * @param partitions partitions of each topic this application creates
 * @param replicas replicas of each topic this application creates
 * @param maxCommandBytes a command record larger than this goes to the dead-letter topic unread
 * @param commandsRetention how long the commands topic and its dead-letter topic keep records: the one place where
 *     personal data sent over Kafka outlives an erasure, until then
 * @param commandsTogether at most this many command records of one poll run in one transaction (1: each record its
 *     own transaction); {@code spring.kafka.consumer.max-poll-records} bounds it too
 */
@ConfigurationProperties("orderinsight.kafka")
public record KafkaSettings(
        @DefaultValue Embedded embedded,
        @DefaultValue Topics topics,
        @DefaultValue("8") int partitions,
        @DefaultValue("1") short replicas,
        @DefaultValue("65536") int maxCommandBytes,
        @DefaultValue("72h") Duration commandsRetention,
        @DefaultValue("100") int commandsTogether) {

    public KafkaSettings {
        if (commandsTogether < 1) {
            throw new IllegalArgumentException(
                    "orderinsight.kafka.commands-together must be at least 1, not " + commandsTogether);
        }
    }

    /** @param port the broker's port, 0 for any free one; its controller takes another free port */
    public record Embedded(@DefaultValue("9092") int port) {}

    /** The topics' names. */
    public record Topics(
            @DefaultValue("orderinsight.commands") String commands,
            @DefaultValue("orderinsight.commands.dlq") String commandsDlq,
            @DefaultValue("orderinsight.command-results") String commandResults,
            @DefaultValue("orderinsight.events") String events,
            @DefaultValue("orderinsight.alerts") String alerts,
            @DefaultValue("orderinsight.audit.checkpoints") String auditCheckpoints) {}
}
