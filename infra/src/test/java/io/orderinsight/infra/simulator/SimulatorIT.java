package io.orderinsight.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.kafka.EmbeddedKafka;
import io.orderinsight.infra.support.RunningApplication;
import io.orderinsight.infra.support.TestKeys;
import io.orderinsight.simulator.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator against the running system, through its HTTP API and then over Kafka: ordinary traffic with injected
 * fraud patterns, then its reconciliation — every figure equal to its ledger and every pattern caught.
 */
class SimulatorIT {

    @TempDir
    Path dataDir;

    @Test
    void trafficReconcilesWithTheLedgerAndEveryPatternIsCaught() {
        try (RunningApplication app = RunningApplication.start(
                dataDir,
                "--orderinsight.risk.unpaid-order.after=8s",
                "--orderinsight.risk.stale-authorization.after=5s",
                "--orderinsight.risk.merchant-dispute-ratio.min-count=2",
                "--orderinsight.risk.merchant-dispute-ratio.ratio=0.5")) {
            int port = app.api().port();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = Simulator.run(
                    new String[] {
                        "--target=http://localhost:" + port,
                        "--key=" + TestKeys.ALL,
                        "--orders=400",
                        "--seed=7",
                        "--clients=3",
                        "--patterns-every=200",
                        "--sellers=20",
                        "--max-deadline=PT1M"
                    },
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            String report = output.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(report).isZero();
            assertThat(report)
                    .contains("RECONCILED")
                    .contains("unpaid-order")
                    .contains("card-testing")
                    .contains("merchant-dispute-ratio");
            assertThat(Simulator.run(new String[] {"--orders=many"}, new PrintStream(new ByteArrayOutputStream())))
                    .isEqualTo(2);

            // the same over the commands topic
            ByteArrayOutputStream overKafka = new ByteArrayOutputStream();
            int kafkaExit = Simulator.run(
                    new String[] {
                        "--target=http://localhost:" + port,
                        "--key=" + TestKeys.ALL,
                        "--via=kafka",
                        "--bootstrap="
                                + app.context().getBean(EmbeddedKafka.class).bootstrapServers(),
                        "--orders=150",
                        "--seed=8",
                        "--clients=3",
                        "--patterns-every=150",
                        "--sellers=10",
                        "--max-deadline=PT1M"
                    },
                    new PrintStream(overKafka, true, StandardCharsets.UTF_8));
            String kafkaReport = overKafka.toString(StandardCharsets.UTF_8);
            assertThat(kafkaExit).as(kafkaReport).isZero();
            assertThat(kafkaReport).contains("over kafka").contains("RECONCILED");

            // twelve hours of history first, with past occurredAt: counted in their hours, and reconciled too
            ByteArrayOutputStream withHistory = new ByteArrayOutputStream();
            Instant started = Instant.now().truncatedTo(ChronoUnit.HOURS);
            int historyExit = Simulator.run(
                    new String[] {
                        "--target=http://localhost:" + port,
                        "--key=" + TestKeys.ALL,
                        "--orders=20",
                        "--seed=9",
                        "--clients=3",
                        "--patterns-every=1000",
                        "--sellers=10",
                        "--max-deadline=PT1M",
                        "--history=PT12H",
                        "--history-per-hour=4"
                    },
                    new PrintStream(withHistory, true, StandardCharsets.UTF_8));
            String historyReport = withHistory.toString(StandardCharsets.UTF_8);
            assertThat(historyExit).as(historyReport).isZero();
            assertThat(historyReport).contains("seeding PT12H of history").contains("RECONCILED");
            long past = 0;
            for (var currency : app.api()
                    .get("/api/v1/insights/overview?from=" + started.minus(12, ChronoUnit.HOURS) + "&to=" + started)
                    .json()
                    .path("currencies")) {
                past += currency.path("orders").asLong();
            }
            assertThat(past).as("orders of the twelve hours before the run").isPositive();
        }
    }
}
