package io.orderinsight.infra.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain Kafka consumer for tests: reads a topic from the beginning until the records wanted have arrived. Made with
 * {@link #published}, it checks every record it reads against the JSON Schema the application serves for its {@code
 * ce_type}, and fails the test on the first that does not conform.
 */
public final class KafkaRecords implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    /**
     * The published events of {@code topic}, each checked against its schema in {@code schemasByType} (the body of
     * {@code GET /api/v1/schemas/events}).
     */
    public static KafkaRecords published(String bootstrapServers, String topic, String schemasByType) {
        KafkaRecords records = new KafkaRecords(bootstrapServers, topic);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig formats =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try {
            JSON.readTree(schemasByType)
                    .properties()
                    .forEach(type -> records.schemas.put(type.getKey(), factory.getSchema(type.getValue(), formats)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (records.schemas.isEmpty()) {
            throw new IllegalArgumentException("no schemas in " + schemasByType);
        }
        return records;
    }

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
            poll();
            found = matching(wanted);
        }
        return found;
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (!schemas.isEmpty()) {
                conforms(record);
            }
            seen.add(record);
        }
    }

    private void conforms(ConsumerRecord<String, byte[]> record) {
        String type = header(record, "ce_type");
        JsonSchema schema = schemas.get(type);
        if (schema == null) {
            throw new AssertionError("no schema served for ce_type " + type + " of " + body(record));
        }
        Set<ValidationMessage> violations;
        try {
            violations = schema.validate(JSON.readTree(record.value()));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body(record), e);
        }
        if (!violations.isEmpty()) {
            throw new AssertionError(
                    type + " record does not conform to its schema: " + violations + " in " + body(record));
        }
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
            poll();
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
