package io.orderinsight.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.kafka.EmbeddedKafka;
import io.orderinsight.infra.support.RunningApplication;
import io.orderinsight.infra.support.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        }
    }
}
