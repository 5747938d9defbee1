package io.orderinsight.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The simulator's commands over Kafka instead of HTTP: each HTTP command becomes a record on
 * {@code orderinsight.commands} (key: the order id; {@code commandId}: the idempotency key) and its outcome is read
 * from {@code orderinsight.command-results}, so that the simulator books only what was accepted, as over HTTP.
 */
final class KafkaCommands implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP command path, the command type it is on Kafka, and the ids its path carries. */
    private record Route(Pattern path, String type, List<String> ids) {}

    private static final List<Route> ROUTES = List.of(
            new Route(Pattern.compile("/api/v1/orders"), "PlaceOrder", List.of()),
            new Route(Pattern.compile("/api/v1/orders/([^/]+)/cancellation"), "CancelOrder", List.of("orderId")),
            new Route(Pattern.compile("/api/v1/orders/([^/]+)/shipment"), "ShipOrder", List.of("orderId")),
            new Route(Pattern.compile("/api/v1/orders/([^/]+)/delivery"), "DeliverOrder", List.of("orderId")),
            new Route(Pattern.compile("/api/v1/payments"), "RecordPayment", List.of()),
            new Route(Pattern.compile("/api/v1/payments/([^/]+)/capture"), "CapturePayment", List.of("paymentId")),
            new Route(Pattern.compile("/api/v1/payments/([^/]+)/void"), "VoidPayment", List.of("paymentId")),
            new Route(Pattern.compile("/api/v1/payments/([^/]+)/disputes"), "OpenDispute", List.of("paymentId")),
            new Route(
                    Pattern.compile("/api/v1/payments/([^/]+)/disputes/([^/]+)/resolution"),
                    "ResolveDispute",
                    List.of("paymentId", "disputeId")),
            new Route(Pattern.compile("/api/v1/refunds"), "RequestRefund", List.of()),
            new Route(Pattern.compile("/api/v1/refunds/([^/]+)/approval"), "ApproveRefund", List.of("refundId")),
            new Route(Pattern.compile("/api/v1/refunds/([^/]+)/rejection"), "RejectRefund", List.of("refundId")),
            new Route(Pattern.compile("/api/v1/refunds/([^/]+)/completion"), "CompleteRefund", List.of("refundId")));

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, String> results;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean open = true;

    KafkaCommands(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                2,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
        this.results = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "simulator-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        this.results.subscribe(List.of("orderinsight.command-results"));
        // join the group before the first command, so that no result is missed
        while (results.assignment().isEmpty()) {
            results.poll(Duration.ofMillis(100));
        }
        this.reader = new Thread(this::read, "simulator-results");
        this.reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    /** Sends the command the HTTP {@code path} and {@code body} stand for; the result, or null after a minute. */
    JsonNode send(String orderId, String path, ObjectNode body, String commandId) throws Exception {
        for (Route route : ROUTES) {
            Matcher matcher = route.path().matcher(path);
            if (!matcher.matches()) {
                continue;
            }
            ObjectNode payload = body == null ? JSON.createObjectNode() : body.deepCopy();
            for (int i = 0; i < route.ids().size(); i++) {
                payload.put(route.ids().get(i), matcher.group(i + 1));
            }
            payload.put("orderId", orderId);
            ObjectNode command =
                    JSON.createObjectNode().put("type", route.type()).put("commandId", commandId);
            command.set("payload", payload);
            CompletableFuture<JsonNode> result = new CompletableFuture<>();
            waiting.put(commandId, result);
            producer.send(new ProducerRecord<>(
                    "orderinsight.commands", orderId, command.toString().getBytes(StandardCharsets.UTF_8)));
            try {
                return result.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return null;
            } finally {
                waiting.remove(commandId);
            }
        }
        throw new IllegalArgumentException("no Kafka command for " + path);
    }

    private void read() {
        while (open) {
            for (ConsumerRecord<String, String> record : results.poll(Duration.ofMillis(200))) {
                CompletableFuture<JsonNode> result = waiting.get(record.key());
                if (result != null) {
                    try {
                        result.complete(JSON.readTree(record.value()));
                    } catch (java.io.IOException e) {
                        result.completeExceptionally(e);
                    }
                }
            }
        }
        results.close();
    }

    @Override
    public void close() {
        open = false;
        producer.close();
    }
}
