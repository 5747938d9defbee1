package io.orderinsight.infra;

import io.orderinsight.audit.chain.ChainVerifier;
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
     * of a chain export, which needs no database and starts nothing.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify")) {
            System.exit(ChainVerifier.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        SpringApplication.run(OrderInsightApplication.class, args);
    }
}
