package io.orderinsight.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.audit.backtest.RuleBacktest;
import io.orderinsight.audit.jobs.Jobs;
import io.orderinsight.command.risk.ReportingRates;
import io.orderinsight.command.risk.RuleBook;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit side's wiring: the jobs that run long work, and rule backtests. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService jobWorkers() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(2, work -> {
            Thread thread = new Thread(work, "job-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    Jobs jobs(JdbcTemplate jdbc, ObjectMapper json, Clock clock, ExecutorService jobWorkers) {
        return new Jobs(jdbc, json, clock, jobWorkers);
    }

    @Bean
    RuleBacktest ruleBacktest(EventStore eventStore, RuleBook ruleBook, ReportingRates rates, Clock clock) {
        return new RuleBacktest(eventStore, ruleBook, rates, clock);
    }
}
