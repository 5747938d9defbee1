package io.orderinsight.benchmarks;

import io.orderinsight.infra.OrderInsightApplication;
import io.orderinsight.infra.OrderInsightProperties;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark suite. {@code all} (the default) runs {@code command-path}, {@code risk}, {@code kafka}, {@code audit}
 * and {@code growth}, prints one table of every figure beside its baseline from the same run and writes it at the top of
 * BENCHMARKS.md; each part can also run alone ({@code read-side}, the deeper catch-up and query run over a million
 * orders, only alone), printing its figures and rewriting its own section.
 *
 * <pre>java -Xmx20g -jar benchmarks/target/order-insight-benchmarks.jar [all|command-path|read-side|risk|kafka|audit|growth|embedded-mongo]
 *     [--clients=8,32] [--seconds=15] [--warmup=20]                       (command path)
 *     [--events=1000000] [--query-runs=40] [--freshness-seconds=30] [--load-clients=4]   (read side)
 *     [--query-orders=1000000]       (read side: orders the queries run over; 0 skips them, as 0 s skips freshness)
 *     [--history=ordered]            (read side: the stored orders' times, ordered in waves or scattered over 30 days)
 *     [--risk-clients=16] [--risk-seconds=30] [--risk-rate=150]          (fraud rules on vs off)
 *     [--kafka-orders=10000]                                               (Kafka ingestion and publication)
 *     [--audit-events=200000] [--case-events=500] [--audit-runs=40]        (hash chain, state of a long case)
 *     [--sizes=100000,1000000,5000000] [--growth-clients=16] [--growth-seconds=15] [--growth-runs=20]  (growth)
 *     [--mongo-documents=20000] [--mongo-rounds=5]                       (embedded-mongo: the backend alone)
 *     [--predict-days=28] [--predict-train=14] [--per-hour=400] [--predict-seed=1]  (predict: forecast accuracy)
 *     [--report=BENCHMARKS.md]</pre>
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Stream.of(args)
                .filter(arg -> arg.startsWith("--") && arg.contains("="))
                .collect(Collectors.toMap(
                        arg -> arg.substring(2, arg.indexOf('=')), arg -> arg.substring(arg.indexOf('=') + 1)));
        String suite =
                Stream.of(args).filter(arg -> !arg.startsWith("--")).findFirst().orElse("all");
        switch (suite) {
            case "command-path" -> CommandPathBenchmark.run(options, args);
            case "read-side" -> ReadSideBenchmark.run(options, args);
            case "risk" -> RiskBenchmark.run(options, args);
            case "kafka" -> KafkaBenchmark.run(options, args);
            case "audit" -> AuditBenchmark.run(options, args);
            case "growth" -> GrowthBenchmark.run(options, args);
            case "predict" -> PredictBenchmark.run(options, args);
            case StandbyBenchmark.SECTION -> StandbyBenchmark.run(options, args);
            case EmbeddedMongoBenchmark.SECTION -> EmbeddedMongoBenchmark.run(options, args);
            case "all" -> {
                long began = System.nanoTime();
                CommandPathBenchmark.run(options, args);
                RiskBenchmark.run(options, args);
                KafkaBenchmark.run(options, args);
                AuditBenchmark.run(options, args);
                GrowthBenchmark.run(options, args);
                PredictBenchmark.run(options, args);
                StandbyBenchmark.run(options, args);
                String table = Summary.table();
                System.out.println();
                System.out.println(table);
                Path report = Path.of(options.getOrDefault("report", "BENCHMARKS.md"));
                Reports.replaceSection(report, "summary", summary(table, args, (System.nanoTime() - began) / 6e10));
                System.out.println("written to " + report.toAbsolutePath());
            }
            default -> {
                System.err.println("unknown benchmark " + suite
                        + "; one of all, command-path, read-side, risk, kafka, audit, growth, predict, standby, "
                        + "embedded-mongo");
                System.exit(2);
            }
        }
    }

    private static String summary(String table, String[] args, double minutes) {
        return """
                ## Summary of the last full run

                Run on %s, %s, in %.0f minutes. Command:

                ```
                mvn -B -q package -DskipTests && java -Xmx20g -jar benchmarks/target/order-insight-benchmarks.jar %s
                ```

                Every figure beside the baseline it is compared with, measured in the same run (ratio = figure ÷
                baseline); the sections below have the details of each part and how it was measured.

                %s
                """.formatted(LocalDate.now(), Reports.machine(), minutes, String.join(" ", args), table);
    }

    /** The whole application on its embedded engines, in a fresh data directory, on free ports, logging warnings. */
    private static volatile String key;

    static ConfigurableApplicationContext start(String... settings) throws IOException {
        // command-line arguments: they take precedence over application.yml, unlike default properties
        List<String> arguments = new ArrayList<>(
                List.of(
                        "--orderinsight.data-dir=" + Files.createTempDirectory("orderinsight-bench-"),
                        "--orderinsight.postgres.embedded.port=0",
                        "--orderinsight.mongo.embedded.port=0",
                        "--orderinsight.kafka.embedded.port=0",
                        "--server.port=0",
                        "--logging.level.root=WARN",
                        "--logging.level.io.orderinsight=WARN",
                        // the plain peer brings Spring Data MongoDB onto the class path; the application itself does
                        // not use it
                        "--spring.autoconfigure.exclude="
                                + String.join(
                                        ",",
                                        "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
                                        "org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration",
                                        "org.springframework.boot.autoconfigure.data.mongo.MongoRepositoriesAutoConfiguration")));
        arguments.addAll(List.of(settings));
        ConfigurableApplicationContext app =
                new SpringApplicationBuilder(OrderInsightApplication.class).run(arguments.toArray(String[]::new));
        // no keys configured: the application generated one per role; the ADMIN key holds them all
        Path keys = app.getBean(OrderInsightProperties.class).dataDir().resolve("api-keys.properties");
        Properties generated = new Properties();
        try (Reader reader = Files.newBufferedReader(keys)) {
            generated.load(reader);
        }
        key = generated.getProperty("ADMIN");
        return app;
    }

    /** A request to the benchmarked application, with the key of its last start. */
    static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key);
    }
}
