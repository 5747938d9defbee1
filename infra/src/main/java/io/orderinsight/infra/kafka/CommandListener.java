package io.orderinsight.infra.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderinsight.command.api.Answer;
import io.orderinsight.command.kafka.CommandIngestion;
import io.orderinsight.command.kafka.CommandIngestion.Prepared;
import io.orderinsight.command.kafka.CommandResult;
import io.orderinsight.command.kafka.PoisonCommandException;
import io.orderinsight.command.kafka.TransientCommandFailure;
import io.orderinsight.domain.shared.MetadataKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.SendResult;

/**
 * Reads {@code orderinsight.commands}, one partition per consumer thread, so one order's commands run in order and
 * the next poll is read only when this one is done: a saturated command side slows consumption, nothing is dropped.
 *
 * <p>The records of one poll run together: up to {@code orderinsight.kafka.commands-together} commands in one
 * PostgreSQL transaction, one after the other, each with its own idempotency record ({@code commandId}), events and
 * answer, so a poll costs one commit instead of one per record. A command the domain refuses is answered as refused
 * and leaves the others be; anything else that fails the transaction (a race on an aggregate with another writer, a
 * taken id, the store) rolls it back, and its commands run again one by one, each in its own transaction with its
 * retries. Results go to {@code orderinsight.command-results} only after their transaction committed, all of a poll's
 * at once, and the offsets are committed after every result was acknowledged: a crash before that redelivers the
 * records, and their idempotency records answer what had committed with its first result, so nothing is lost or
 * doubled.
 *
 * <p>A record that cannot be handled as it is (poison) is answered when its command id is readable and parked in the
 * dead-letter topic with the reason, and the poll goes on. A failure that may pass (the event store unavailable)
 * publishes the results before it and hands the record to the error handler, which retries from it with back-off
 * (and in the end parks it) — the records after it follow once it passes.
 */
public class CommandListener {

    private static final Logger log = LoggerFactory.getLogger(CommandListener.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final CommandIngestion ingestion;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ConsumerRecordRecoverer deadLetters;
    private final ObjectMapper json;
    private final String results;
    private final int together;
    private final Counter ranTogether;
    private final Counter ranAlone;
    private final DistributionSummary groupSizes;

    public CommandListener(
            CommandIngestion ingestion,
            KafkaTemplate<String, byte[]> kafka,
            ConsumerRecordRecoverer deadLetters,
            ObjectMapper json,
            KafkaSettings settings,
            MeterRegistry meters) {
        this.ingestion = ingestion;
        this.kafka = kafka;
        this.deadLetters = deadLetters;
        this.json = json;
        this.results = settings.topics().commandResults();
        this.together = settings.commandsTogether();
        this.ranTogether = Counter.builder("orderinsight.kafka.commands.groups")
                .description("groups of command records run in one transaction, by how they ran")
                .tag("ran", "together")
                .register(meters);
        this.ranAlone = Counter.builder("orderinsight.kafka.commands.groups")
                .description("groups of command records run in one transaction, by how they ran")
                .tag("ran", "one-by-one")
                .register(meters);
        this.groupSizes = DistributionSummary.builder("orderinsight.kafka.commands.group.size")
                .description("command records per group run in one transaction")
                .register(meters);
    }

    /** The listener's id: its container in the listener registry. */
    public static final String ID = "orderinsight-commands";

    @KafkaListener(
            id = ID,
            topics = "${orderinsight.kafka.topics.commands:orderinsight.commands}",
            groupId = "${orderinsight.kafka.consumer-group:orderinsight-commands}",
            batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        List<Pending> group = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Prepared prepared;
            try {
                prepared = ingestion.prepare(record.key(), record.value(), origin(record));
            } catch (PoisonCommandException poison) {
                // the commands before it first, so that one order's results keep their order
                run(group);
                group.clear();
                park(record, poison);
                continue;
            }
            group.add(new Pending(record, prepared));
            if (group.size() == together) {
                run(group);
                group.clear();
            }
        }
        run(group);
    }

    private record Pending(ConsumerRecord<String, byte[]> record, Prepared prepared) {}

    /** Runs a group, publishes its results and waits until the broker acknowledged them all. */
    private void run(List<Pending> group) {
        if (group.isEmpty()) {
            return;
        }
        groupSizes.record(group.size());
        List<Answer> answers = together(group);
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            Pending pending = group.get(i);
            CommandResult result;
            try {
                Answer answer = answers == null ? ingestion.run(pending.prepared()) : answers.get(i);
                result = ingestion.resultOf(pending.prepared().commandId(), answer);
            } catch (PoisonCommandException poison) {
                park(pending.record(), poison);
                continue;
            } catch (TransientCommandFailure failure) {
                acknowledged(sends);
                throw new BatchListenerFailedException(failure.getMessage(), failure, pending.record());
            }
            sends.add(send(result));
        }
        acknowledged(sends);
    }

    /** The group's answers from one transaction, or null when it has to run one by one. */
    private List<Answer> together(List<Pending> group) {
        if (group.size() == 1) {
            ranAlone.increment();
            return null;
        }
        try {
            List<Answer> answers =
                    ingestion.runTogether(group.stream().map(Pending::prepared).toList());
            ranTogether.increment();
            return answers;
        } catch (RuntimeException e) {
            ranAlone.increment();
            log.debug(
                    "{} command records from {} ran one by one: together they failed with {}",
                    group.size(),
                    coordinates(group.get(0).record()),
                    e.toString());
            return null;
        }
    }

    /** Answers a poison record when its command id is readable, then parks it in the dead-letter topic. */
    private void park(ConsumerRecord<String, byte[]> record, PoisonCommandException poison) {
        log.warn("command record {} parked: {} {}", coordinates(record), poison.code(), poison.getMessage());
        if (poison.commandId() != null) {
            acknowledged(List.of(send(new CommandResult(
                    poison.commandId(), CommandResult.REJECTED, poison.code(), poison.getMessage(), null, null))));
        }
        try {
            deadLetters.accept(record, poison);
        } catch (RuntimeException e) {
            // not parked: the error handler tries this record again, and the ones after it
            throw new BatchListenerFailedException("could not park " + coordinates(record), e, record);
        }
    }

    /** What the record says about where it came from: its coordinates and the producer its header names, if any. */
    private static Map<String, String> origin(ConsumerRecord<String, byte[]> record) {
        Map<String, String> origin = new HashMap<>();
        origin.put(MetadataKeys.KAFKA_RECORD, coordinates(record));
        Header producer = record.headers().lastHeader("producer");
        if (producer != null && producer.value() != null) {
            String name = new String(producer.value(), StandardCharsets.UTF_8);
            if (name.matches("[A-Za-z0-9._:-]{1,64}")) {
                origin.put(MetadataKeys.KAFKA_PRODUCER, name);
            }
        }
        return origin;
    }

    private static String coordinates(ConsumerRecord<String, byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private CompletableFuture<SendResult<String, byte[]>> send(CommandResult result) {
        try {
            return kafka.send(results, result.commandId(), json.writeValueAsBytes(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every result sent was acknowledged; a result that was not fails the poll, which is read again. */
    private static void acknowledged(List<CompletableFuture<SendResult<String, byte[]>>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("command results were not acknowledged", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
