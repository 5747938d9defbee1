package io.orderinsight.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderinsight.infra.kafka.EmbeddedKafka;
import io.orderinsight.infra.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Kafka edges against the HTTP API in the same run: commands per second over HTTP (closed loop, as in the risk
 * benchmark), then the same traffic (place order → authorize → capture, each order its own key) written to {@code
 * orderinsight.commands} as fast as a producer can, timed from the first record sent to the last result received; the
 * events the publisher put on {@code orderinsight.events} meanwhile, per second; and the publish lag (event recorded
 * → broker's acknowledgement), p50 and p99.
 *
 * <pre>java -jar benchmarks/target/order-insight-benchmarks.jar kafka [--kafka-orders=10000] [--risk-clients=16]
 *     [--risk-seconds=30] [--warmup=20] [--report=BENCHMARKS.md]</pre>
 */
final class KafkaBenchmark {

    private static final String SECTION = "kafka";

    private KafkaBenchmark() {}

    static void run(Map<String, String> options, String[] args) throws Exception {
        int orders = Integer.parseInt(options.getOrDefault("kafka-orders", "10000"));
        int clients = Integer.parseInt(options.getOrDefault("risk-clients", "16"));
        double seconds = Double.parseDouble(options.getOrDefault("risk-seconds", "30"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "20"));
        Path report = Path.of(options.getOrDefault("report", "BENCHMARKS.md"));
        System.out.printf("Order Insight Kafka benchmark: %,d orders (%,d commands) over Kafka%n", orders, orders * 3);
        String table;
        try (ConfigurableApplicationContext app = Benchmarks.start()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            EmbeddedKafka broker = app.getBean(EmbeddedKafka.class);
            KafkaSettings settings = app.getBean(KafkaSettings.class);
            LoadDriver.run("warm-up", clients, warmup, new RiskBenchmark.TrafficClient(port)::next);
            LoadResult http = LoadDriver.run("HTTP", clients, seconds, new RiskBenchmark.TrafficClient(port)::next);
            Ingested ingested = ingest(broker.bootstrapServers(), settings, orders);
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            TimerFigures lag = TimerFigures.of(meters, "orderinsight.kafka.publish.lag");
            table = table(http, ingested, lag) + groups(meters, settings);
            Summary.rate(
                    "Kafka",
                    "commands ingested from orderinsight.commands",
                    ingested.commands() / ingested.seconds(),
                    "HTTP",
                    http.perSecond(),
                    "/s");
            Summary.latency("Kafka", "publish lag, event recorded → acknowledged", lag.p50(), lag.p99());
        }
        System.out.println();
        System.out.println(table);
        Reports.replaceSection(report, SECTION, section(table, args));
        System.out.println("written to " + report.toAbsolutePath());
    }

    record Ingested(long commands, double seconds, long accepted, long events, double eventSeconds) {}

    private static Ingested ingest(String bootstrap, KafkaSettings settings, int orders) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        try (KafkaConsumer<String, byte[]> results =
                        consumer(bootstrap, settings.topics().commandResults());
                KafkaConsumer<String, byte[]> events =
                        consumer(bootstrap, settings.topics().events());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5))) {
            // both consumers at the end of their topics before the first command goes out
            results.poll(Duration.ofSeconds(2));
            events.poll(Duration.ofSeconds(2));
            results.seekToEnd(results.assignment());
            events.seekToEnd(events.assignment());
            results.assignment().forEach(results::position);
            events.assignment().forEach(events::position);
            long commands = orders * 3L;
            long began = System.nanoTime();
            for (int i = 0; i < orders; i++) {
                String order = "ko-" + run + "-" + i;
                String payment = "kp-" + run + "-" + i;
                String customer = "kc-" + run + "-" + i % 500;
                send(producer, settings, order, "PlaceOrder", """
                        {"orderId":"%s","customerId":"%s","sellerId":"s-k","currency":"USD","channel":"SHOP",
                         "shippingCountry":"US","items":[{"sku":"sku-1","category":"books","quantity":2,"unitPrice":1250}]}
                        """.formatted(order, customer));
                send(producer, settings, order, "RecordPayment", """
                        {"paymentId":"%s","orderId":"%s","amount":2500,"currency":"USD","method":"CARD",
                         "outcome":"AUTHORIZED","cardFingerprint":"fp-%s","ipCountry":"US","billingCountry":"US"}
                        """.formatted(payment, order, customer));
                send(producer, settings, order, "CapturePayment", """
                        {"paymentId":"%s","orderId":"%s","amount":2500}
                        """.formatted(payment, order));
            }
            producer.flush();
            long received = 0;
            long accepted = 0;
            long publishedEvents = 0;
            long lastEvent = began;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            long done = 0;
            while ((received < commands || publishedEvents < commands) && System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> batch = results.poll(Duration.ofMillis(100));
                for (var record : batch) {
                    if (record.key().startsWith("k-" + run)) {
                        received++;
                        accepted += new String(record.value(), StandardCharsets.UTF_8).contains("ACCEPTED") ? 1 : 0;
                    }
                }
                if (received == commands && done == 0) {
                    done = System.nanoTime();
                }
                for (var record : events.poll(Duration.ofMillis(10))) {
                    if (record.key() != null && record.key().startsWith("ko-" + run)) {
                        publishedEvents++;
                        lastEvent = System.nanoTime();
                    }
                }
            }
            if (done == 0) {
                done = System.nanoTime();
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %,d results (%,d accepted), %,d events published%n",
                    received,
                    accepted,
                    publishedEvents);
            return new Ingested(received, (done - began) / 1e9, accepted, publishedEvents, (lastEvent - began) / 1e9);
        }
    }

    private static void send(
            KafkaProducer<String, byte[]> producer, KafkaSettings settings, String order, String type, String payload) {
        String commandId = "k-" + order.substring(3) + "-" + type;
        byte[] value = ("{\"type\":\"" + type + "\",\"commandId\":\"" + commandId + "\",\"payload\":" + payload.strip()
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(settings.topics().commands(), order, value));
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static String table(LoadResult http, Ingested kafka, TimerFigures lag) {
        double kafkaRate = kafka.commands() / kafka.seconds();
        return String.format(
                Locale.ROOT,
                "| path | commands | commands/s | ÷ HTTP |%n|---|---|---|---|%n"
                        + "| HTTP, %d clients (closed loop) | %,d | %,.0f | (baseline) |%n"
                        + "| Kafka `orderinsight.commands` → results (%,d accepted) | %,d | %,.0f | %.0f%% |%n%n"
                        + "| publication | figure |%n|---|---|%n"
                        + "| events published to `orderinsight.events` during the Kafka run | %,d in %.1f s = %,.0f/s |%n"
                        + "| publish lag (event recorded → acknowledged), p50 / p99 over %,d records | %.1f / %.1f ms |%n",
                http.clients(),
                http.operations(),
                http.perSecond(),
                kafka.accepted(),
                kafka.commands(),
                kafkaRate,
                100 * kafkaRate / http.perSecond(),
                kafka.events(),
                kafka.eventSeconds(),
                kafka.events() / kafka.eventSeconds(),
                lag.count(),
                lag.p50(),
                lag.p99());
    }

    /** How the ingested records ran: groups in one transaction, and groups that fell back to one by one. */
    private static String groups(MeterRegistry meters, KafkaSettings settings) {
        double together = meters.get("orderinsight.kafka.commands.groups")
                .tag("ran", "together")
                .counter()
                .count();
        double alone = meters.get("orderinsight.kafka.commands.groups")
                .tag("ran", "one-by-one")
                .counter()
                .count();
        var sizes = meters.get("orderinsight.kafka.commands.group.size").summary();
        return String.format(
                Locale.ROOT,
                "%n| ingestion (`orderinsight.kafka.commands-together` = %d, %d partitions) | figure |%n|---|---|%n"
                        + "| groups of records run in one transaction | %,.0f (mean %.1f records) |%n"
                        + "| of them run one by one after the transaction failed, or of one record | %,.0f |%n",
                settings.commandsTogether(),
                settings.partitions(),
                together + alone,
                sizes.mean(),
                alone);
    }

    private static String section(String table, String[] args) {
        return """
                ## Kafka edges: ingestion against HTTP, publication rate and lag

                Run on %s, %s. Command:

                ```
                mvn -B -q package -DskipTests && java -jar benchmarks/target/order-insight-benchmarks.jar %s
                ```

                One application on its embedded engines and in-process broker. HTTP: closed-loop clients sending place
                order → authorize → capture. Kafka: the same commands written to `orderinsight.commands` (each order
                its own key) as fast as one producer can, timed from the first record sent to the last result read from
                `orderinsight.command-results`; one consumer thread per partition runs them through the same
                idempotent executor, a poll's records together in one transaction (README, Kafka). The
                publisher's figures are for the same run: every event reaches
                `orderinsight.events` after the broker acknowledged it, with the rules, projections and publisher all
                sharing the two cores.

                %s
                """.formatted(LocalDate.now(), Reports.machine(), String.join(" ", args), table);
    }
}
