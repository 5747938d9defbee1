package io.orderinsight.infra.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A plain Kafka consumer for tests: reads a topic from the beginning until the records wanted have arrived. */
public final class KafkaRecords implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public KafkaRecords(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
    }

    /** Every record read so far that matches, waiting until there are {@code count} of them or time runs out. */
    public List<ConsumerRecord<String, byte[]>> await(
            Predicate<ConsumerRecord<String, byte[]>> wanted, int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<ConsumerRecord<String, byte[]>> found = matching(wanted);
        while (found.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            found = matching(wanted);
        }
        return found;
    }

    /**
     * Like {@link #await} but counts distinct {@code ce_id}s: a batch the broker half-acknowledged before an outage
     * may be published again, and a consumer dedupes such copies by {@code ce_id}.
     */
    public List<ConsumerRecord<String, byte[]>> awaitDistinct(
            Predicate<ConsumerRecord<String, byte[]>> wanted, int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<ConsumerRecord<String, byte[]>> found = matching(wanted);
        while (distinctIds(found) < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            found = matching(wanted);
        }
        return found;
    }

    private static long distinctIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(record -> header(record, "ce_id"))
                .distinct()
                .count();
    }

    private List<ConsumerRecord<String, byte[]>> matching(Predicate<ConsumerRecord<String, byte[]>> wanted) {
        return seen.stream().filter(wanted).toList();
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String body(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
