package io.orderinsight.infra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Order Insight: with no arguments, the whole system on its embedded defaults. */
@SpringBootApplication(scanBasePackages = "io.orderinsight")
@ConfigurationPropertiesScan("io.orderinsight")
@EnableScheduling
public class OrderInsightApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderInsightApplication.class, args);
    }
}
