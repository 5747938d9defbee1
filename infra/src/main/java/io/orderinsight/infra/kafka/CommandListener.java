package io.orderinsight.infra.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.command.kafka.CommandIngestion;
import io.orderinsight.command.kafka.CommandResult;
import io.orderinsight.command.kafka.PoisonCommandException;
import io.orderinsight.domain.shared.MetadataKeys;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Reads {@code orderinsight.commands}, one partition per consumer thread, so one order's commands run in order and
 * the next record is read only when this one is done: a saturated command side slows consumption, nothing is
 * dropped. Each outcome goes to {@code orderinsight.command-results} before the offset is committed; a record that
 * cannot be handled is answered (when its command id is readable) and handed to the error handler, which parks it in
 * the dead-letter topic and moves on.
 */
public class CommandListener {

    private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

    private final CommandIngestion ingestion;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper json;
    private final String results;

    public CommandListener(
            CommandIngestion ingestion,
            KafkaTemplate<String, byte[]> kafka,
            ObjectMapper json,
            KafkaSettings settings) {
        this.ingestion = ingestion;
        this.kafka = kafka;
        this.json = json;
        this.results = settings.topics().commandResults();
    }

    @KafkaListener(
            id = "orderinsight-commands",
            topics = "${orderinsight.kafka.topics.commands:orderinsight.commands}",
            groupId = "${orderinsight.kafka.consumer-group:orderinsight-commands}")
    public void on(ConsumerRecord<String, byte[]> record) {
        CommandResult result;
        try {
            result = ingestion.handle(record.key(), record.value(), origin(record));
        } catch (PoisonCommandException poison) {
            log.warn(
                    "command record {}-{}@{} parked: {} {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    poison.code(),
                    poison.getMessage());
            if (poison.commandId() != null) {
                publish(new CommandResult(
                        poison.commandId(), CommandResult.REJECTED, poison.code(), poison.getMessage(), null, null));
            }
            throw poison;
        }
        publish(result);
    }

    /** What the record says about where it came from: its coordinates and the producer its header names, if any. */
    private static Map<String, String> origin(ConsumerRecord<String, byte[]> record) {
        Map<String, String> origin = new HashMap<>();
        origin.put(MetadataKeys.KAFKA_RECORD, record.topic() + "-" + record.partition() + "@" + record.offset());
        Header producer = record.headers().lastHeader("producer");
        if (producer != null && producer.value() != null) {
            String name = new String(producer.value(), StandardCharsets.UTF_8);
            if (name.matches("[A-Za-z0-9._:-]{1,64}")) {
                origin.put(MetadataKeys.KAFKA_PRODUCER, name);
            }
        }
        return origin;
    }

    private void publish(CommandResult result) {
        try {
            kafka.send(results, result.commandId(), json.writeValueAsBytes(result))
                    .get(30, TimeUnit.SECONDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the result of command " + result.commandId() + " was not acknowledged", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
