package io.orderinsight.infra;

import io.orderinsight.audit.chain.ChainVerifier;
import io.orderinsight.simulator.Simulator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Order Insight: with no arguments, the whole system on its embedded defaults. */
@SpringBootApplication(scanBasePackages = "io.orderinsight")
@ConfigurationPropertiesScan("io.orderinsight")
@EnableScheduling
public class OrderInsightApplication {

    /**
     * With no command, the system. {@code verify --export=… [--checkpoints=…] [--public-key=…]}: the offline verifier
     * of a chain export, which needs no database and starts nothing. {@code simulate …}: marketplace traffic against a
     * running system, reconciled against its own ledger ({@link Simulator}). {@code demo}: the system with shortened
     * rule durations and the simulator feeding it ({@link Demo}). {@code services}: the embedded engines alone, for app
     * nodes to share ({@link Services}).
     */
    public static void main(String[] args) {
        String[] rest = args.length > 0 ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        if (args.length > 0 && args[0].equals("verify")) {
            System.exit(ChainVerifier.run(rest, System.out));
        }
        if (args.length > 0 && args[0].equals("simulate")) {
            System.exit(Simulator.run(rest, System.out));
        }
        if (args.length > 0 && args[0].equals("services")) {
            System.exit(Services.run(rest, System.out));
        }
        if (args.length > 0 && args[0].equals("demo")) {
            Demo.run(rest, arguments -> SpringApplication.run(OrderInsightApplication.class, arguments));
            return;
        }
        SpringApplication.run(OrderInsightApplication.class, args);
    }
}
