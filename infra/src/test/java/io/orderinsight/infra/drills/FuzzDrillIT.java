package io.orderinsight.infra.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderinsight.infra.kafka.EmbeddedKafka;
import io.orderinsight.infra.kafka.KafkaRecords;
import io.orderinsight.infra.kafka.KafkaSettings;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 10,000 fuzzed command bodies over HTTP, 500 requests to odd paths, and 1,000 poison records on the commands topic,
 * each made from a valid command by at least one change that must make it invalid — among them numbers in disguise
 * ({@code "100"}, {@code 1.0}, {@code 1e2}), duplicate keys, content after the object and bodies over the size limit:
 * never a 5xx, always problem+json, never a stored event, and every poison record parked in the dead-letter topic with
 * its reason.
 */
class FuzzDrillIT extends ApplicationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODIES = 10_000;
    private static final int POISON = 1_000;
    private static final int ODD_PATHS = 500;
    /** Every so many bodies, one over the limit of 1 MiB. */
    private static final int OVERSIZED_EVERY = 250;

    private static final Pattern INTEGER_FIELD = Pattern.compile("\"(quantity|unitPrice|amount)\":(\\d+)");
    /** Outside 2000-01-01 … receipt + 15 minutes, or beyond what any store can hold as a date. */
    private static final List<String> EXTREME_TIMES = List.of(
            "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "+292278994-08-17T07:12:55.808Z",
            "9999-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z",
            "1999-12-31T23:59:59.999Z");

    private static final List<String> TRAILING = List.of("{}", "[]", " x", "}", " 1", "\"x\"", ",{}");
    private static final List<String> ODD_SEGMENTS =
            List.of("%00", "%2F", "%2f", ";jsessionid=0A1B", ";x=1", "%2e%2e", "%5C", "%25", "%0A", "%7F");

    @Autowired
    private EmbeddedKafka broker;

    @Autowired
    private KafkaSettings settings;

    /** A command endpoint, a valid body for it, and the fields it cannot do without. */
    private record Endpoint(String path, String body, List<String> required) {}

    private static List<Endpoint> endpoints(String run) {
        String order = run + "-o";
        return List.of(
                new Endpoint(
                        "/api/v1/orders",
                        """
                        {"orderId":"%s","customerId":"c-1","sellerId":"s-1","currency":"USD","channel":"LIVE",
                         "shippingCountry":"DE","items":[{"sku":"a","category":"toys","quantity":1,"unitPrice":100}]}
                        """.formatted(order),
                        List.of("orderId", "customerId", "sellerId", "currency", "channel", "items")),
                new Endpoint(
                        "/api/v1/payments",
                        """
                        {"paymentId":"%s-p","orderId":"%s","amount":100,"currency":"USD","method":"CARD",
                         "outcome":"AUTHORIZED"}
                        """.formatted(run, order),
                        List.of("paymentId", "orderId", "amount", "currency", "method", "outcome")),
                new Endpoint(
                        "/api/v1/refunds",
                        """
                        {"refundId":"%s-r","orderId":"%s","paymentId":"%s-p","amount":10,"reason":"x"}
                        """.formatted(run, order, run),
                        List.of("refundId", "orderId", "paymentId", "amount")));
    }

    @Test
    void fuzzedBodiesAndPoisonRecordsChangeNothingAndNeverFailTheServer() throws Exception {
        String run = unique("fz");
        long before = events.commandEventCount();
        SplittableRandom random = new SplittableRandom(20261129);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Endpoint> endpoints = endpoints(run);
        for (int i = 0; i < BODIES; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            String body = i % OVERSIZED_EVERY == 0 ? oversized(endpoint, random) : mutate(endpoint, random);
            Reply reply = api.post(endpoint.path(), body);
            statuses.merge(reply.status(), 1, Integer::sum);
            assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.body()).doesNotContain("Exception").doesNotContain("io.orderinsight");
        }
        assertThat(statuses).containsKey(413);
        Map<Integer, Integer> pathStatuses = new TreeMap<>();
        for (int i = 0; i < ODD_PATHS; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            Reply reply = api.post(oddPath(endpoint.path(), random), endpoint.body());
            pathStatuses.merge(reply.status(), 1, Integer::sum);
            assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertThat(events.commandEventCount()).isEqualTo(before);

        String poisonKey = run + "-o"; // the orders' id, so that each record is judged by its payload
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < POISON; i++) {
                Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
                String type = endpoint.path().endsWith("orders")
                        ? "PlaceOrder"
                        : endpoint.path().endsWith("payments") ? "RecordPayment" : "RequestRefund";
                String payload = mutate(endpoint, random);
                String record = "{\"type\":\"" + type + "\",\"commandId\":\"" + run + "-k" + i + "\",\"payload\":"
                        + payload + "}";
                producer.send(new ProducerRecord<>(
                        settings.topics().commands(), poisonKey, record.getBytes(StandardCharsets.UTF_8)));
            }
        }
        try (KafkaRecords dead =
                new KafkaRecords(broker.bootstrapServers(), settings.topics().commandsDlq())) {
            List<ConsumerRecord<String, byte[]>> parked =
                    dead.await(record -> poisonKey.equals(record.key()), POISON, Duration.ofSeconds(120));
            assertThat(parked).hasSize(POISON);
            assertThat(parked)
                    .allSatisfy(record -> assertThat(KafkaRecords.header(record, "error_code"))
                            .isNotBlank());
        }
        assertThat(events.commandEventCount()).isEqualTo(before);
        System.out.println("fuzz drill: " + BODIES + " bodies answered " + statuses + "; " + ODD_PATHS
                + " odd paths answered " + pathStatuses + "; " + POISON + " poison records parked, no event stored");
    }

    /** The valid body with at least one change that makes it invalid, perhaps more on top. */
    private static String mutate(Endpoint endpoint, SplittableRandom random) throws Exception {
        int kind = random.nextInt(13);
        if (kind == 12) {
            ObjectNode body = (ObjectNode) JSON.readTree(endpoint.body());
            body.put("occurredAt", EXTREME_TIMES.get(random.nextInt(EXTREME_TIMES.size())));
            return body.toString();
        }
        if (kind == 9) {
            return disguisedNumber(endpoint.body(), random);
        }
        if (kind == 10) {
            return duplicateKey(endpoint, random);
        }
        if (kind == 11) {
            return endpoint.body().strip() + TRAILING.get(random.nextInt(TRAILING.size()));
        }
        if (kind == 0) {
            String body = endpoint.body();
            return body.substring(0, 1 + random.nextInt(body.length() - 2)); // truncated: not JSON
        }
        if (kind == 1) {
            return random.nextBoolean()
                    ? ""
                    : random.nextBoolean() ? "[]" : "\"" + "x".repeat(random.nextInt(50)) + "\"";
        }
        ObjectNode body = (ObjectNode) JSON.readTree(endpoint.body());
        String field =
                endpoint.required().get(random.nextInt(endpoint.required().size()));
        switch (kind) {
            case 2 -> body.remove(field);
            case 3 -> body.putNull(field);
            case 4 -> body.putArray(field).add(random.nextLong());
            case 5 -> body.put(field, field.endsWith("Id") ? "bad id " + random.nextInt() : "not-a-" + field);
            case 6 -> body.put(field, field.endsWith("Id") ? "x".repeat(65 + random.nextInt(500)) : "😀\u0000");
            case 7 -> {
                if (body.has("amount")) {
                    body.put("amount", random.nextBoolean() ? -1 - random.nextInt(1000) : 0);
                } else {
                    body.putArray("items"); // an order without lines
                }
            }
            default -> {
                if (body.has("amount") && random.nextBoolean()) {
                    body.put("amount", 1e308); // beyond any amount
                } else {
                    body.remove(field);
                }
            }
        }
        // noise on top: a field nobody asked for
        if (random.nextBoolean()) {
            body.put("unexpected" + random.nextInt(10), random.nextInt());
        }
        return body.toString();
    }

    /** An integer field of the body written as a string, a decimal or with an exponent. */
    private static String disguisedNumber(String body, SplittableRandom random) {
        Matcher number = INTEGER_FIELD.matcher(body);
        assertThat(number.find()).isTrue();
        String digits = number.group(2);
        String disguised = switch (random.nextInt(5)) {
            case 0 -> "\"" + digits + "\"";
            case 1 -> digits + ".0";
            case 2 -> digits + ".5";
            case 3 -> digits + "e0";
            default -> digits.charAt(0) + "E" + (digits.length() - 1);
        };
        return body.substring(0, number.start(2)) + disguised + body.substring(number.end(2));
    }

    /** A field of the body repeated, at the top or inside the first item of an order. */
    private static String duplicateKey(Endpoint endpoint, SplittableRandom random) throws Exception {
        String body = endpoint.body().strip();
        if (body.contains("\"sku\"") && random.nextBoolean()) {
            return body.replace("{\"sku\":", "{\"sku\":\"other\",\"sku\":");
        }
        String field =
                endpoint.required().get(random.nextInt(endpoint.required().size()));
        String value = JSON.readTree(body).get(field).toString();
        return "{\"" + field + "\":" + value + "," + body.substring(1);
    }

    /** A valid body padded past the limit of 1 MiB in a field nobody reads. */
    private static String oversized(Endpoint endpoint, SplittableRandom random) {
        String body = endpoint.body().strip();
        return "{\"padding\":\"" + "x".repeat(1024 * 1024 + random.nextInt(64 * 1024)) + "\"," + body.substring(1);
    }

    /** The endpoint's path with something the firewall or the container refuses in it. */
    private static String oddPath(String path, SplittableRandom random) {
        String odd = ODD_SEGMENTS.get(random.nextInt(ODD_SEGMENTS.size()));
        return switch (random.nextInt(3)) {
            case 0 -> path + odd;
            case 1 -> path.replaceFirst("/v1/", "/v1//");
            default -> path.replaceFirst("/v1/", "/v1/" + odd + "/");
        };
    }
}
