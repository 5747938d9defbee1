package io.orderinsight.infra.kafka;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import io.orderinsight.domain.shared.OrderIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes every domain event to {@code orderinsight.events} (key: the order id, else the aggregate id) and every
 * alert also to {@code orderinsight.alerts} (key: the alert's subject), as JSON without personal data, with CloudEvents
 * binary-mode headers. It runs on a processor whose token is in PostgreSQL: a batch's records are sent, and the token
 * moves only once the broker acknowledged all of them; if the broker is away, the batch fails and is tried again
 * later, so publication resumes where it stopped. A record can be sent twice (a crash after the acknowledgement,
 * before the token is stored); consumers dedupe by {@code ce_id}, the event's id.
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    static final String SOURCE = "/orderinsight";
    /** Fields never published: personal data is sealed in the event store and stays there. */
    static final List<String> PERSONAL = List.of("sealedPersonalData");

    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final String PENDING = KafkaEventPublisher.class.getName() + ".pending";
    private static final Duration ACKNOWLEDGEMENT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper json;
    private final KafkaSettings.Topics topics;
    private final Clock clock;
    private final Timer lag;

    public KafkaEventPublisher(
            KafkaTemplate<String, byte[]> kafka,
            ObjectMapper json,
            KafkaSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.kafka = kafka;
        // an event's fields as they are, nothing derived: no "zero" or "positive" from Money's isZero() and
        // isPositive()
        this.json = json.copy().setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        this.topics = settings.topics();
        this.clock = clock;
        this.lag = Timer.builder("orderinsight.kafka.publish.lag")
                .description("From an event's recording to the broker's acknowledgement of its record")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> event) {
        Optional<String> type = CloudEventTypes.of(payload.getClass());
        if (type.isEmpty()) {
            log.warn(
                    "event {} has no CloudEvents type; not published",
                    payload.getClass().getName());
            return;
        }
        String subject =
                event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
        byte[] body = body(payload);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(record(topics.events(), OrderIds.of(payload).orElse(subject), body, event, type.get(), subject));
        if (payload instanceof RiskAlertRaisedEvent raised) {
            records.add(record(topics.alerts(), raised.subjectId(), body, event, type.get(), subject));
        } else if (payload instanceof AlertResolvedEvent resolved) {
            records.add(record(topics.alerts(), resolved.subjectId(), body, event, type.get(), subject));
        }
        List<Sent> pending = pending();
        for (ProducerRecord<String, byte[]> record : records) {
            pending.add(new Sent(kafka.send(record), event.getTimestamp()));
        }
    }

    private record Sent(CompletableFuture<SendResult<String, byte[]>> result, Instant recordedAt) {}

    /** The batch's sends, awaited before it commits: the token moves only past acknowledged records. */
    private List<Sent> pending() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            List<Sent> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private void awaitAcknowledgements(List<Sent> sends) {
        kafka.flush();
        long deadline = System.nanoTime() + ACKNOWLEDGEMENT.toNanos();
        try {
            for (Sent sent : sends) {
                sent.result().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                lag.record(Duration.between(sent.recordedAt(), clock.instant()));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch; it will be published again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to Kafka", e);
        }
    }

    private ProducerRecord<String, byte[]> record(
            String topic, String key, byte[] body, EventMessage<?> event, String type, String subject) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", event.getIdentifier());
        header(record, "ce_type", type);
        header(record, "ce_source", SOURCE);
        header(record, "ce_time", event.getTimestamp().toString());
        header(record, "ce_subject", subject);
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] body(Object payload) {
        ObjectNode node = json.valueToTree(payload);
        node.remove(PERSONAL);
        try {
            return json.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write event " + payload.getClass().getSimpleName(), e);
        }
    }
}
