package io.orderinsight.command.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderinsight.command.order.OrderBlockPolicy;
import io.orderinsight.command.refund.RefundReviewPolicy;
import io.orderinsight.domain.risk.RecordRuleVersionCommand;
import java.time.Clock;
import java.util.Objects;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The fraud rules' wiring: rule versions, the live detector, the deadline saga's rule book, the risk decisions. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RiskProperties.class, ReportingRates.class})
public class RiskConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RiskConfiguration.class);

    @Bean
    RuleBook ruleBook(JdbcTemplate jdbc, ObjectMapper json, Clock clock, RiskProperties properties) {
        return new RuleBook(jdbc, json, clock, properties.configuredVersions());
    }

    @Bean
    JdbcCustomerStanding customerStanding(JdbcTemplate jdbc) {
        return new JdbcCustomerStanding(jdbc);
    }

    @Bean
    OrderBlockPolicy orderBlockPolicy(CustomerStanding standing) {
        return standing::ordersBlocked;
    }

    @Bean
    RefundReviewPolicy refundReviewPolicy(CustomerStanding standing) {
        return standing::refundsHeld;
    }

    @Bean
    RiskDetector riskDetector(
            RuleBook ruleBook,
            ReportingRates rates,
            CommandGateway commands,
            JdbcTemplate jdbc,
            ObjectMapper json,
            Clock clock,
            MeterRegistry meters) {
        return new RiskDetector(new RiskEngine(ruleBook, rates), ruleBook, commands, jdbc, json, clock, meters);
    }

    @Bean
    RiskCommandHandler riskCommandHandler(
            @Qualifier("alertRepository") Repository<Alert> alerts,
            @Qualifier("customerRiskRepository") Repository<CustomerRisk> customers,
            @Qualifier("riskRuleRepository") Repository<RiskRule> rules,
            EventStore eventStore,
            CustomerStanding standing,
            RuleBook ruleBook,
            Clock clock) {
        return new RiskCommandHandler(alerts, customers, rules, eventStore, standing, ruleBook, clock);
    }

    /**
     * Records each rule's configured thresholds as a new version when they differ from those configuration last
     * recorded, so that a changed setting is a version like an analyst's change, effective from this start on.
     */
    @Bean
    ApplicationRunner configuredRuleVersions(RuleBook ruleBook, CommandGateway commands, Clock clock) {
        return arguments -> {
            for (RuleDefinition rule : RuleCatalog.all()) {
                RuleVersion configured = ruleBook.configured(rule.id());
                RuleVersion last = ruleBook.lastConfigured(rule.id());
                if (last != null
                        && last.thresholds().equals(configured.thresholds())
                        && last.enabled() == configured.enabled()) {
                    continue;
                }
                try {
                    commands.sendAndWait(new RecordRuleVersionCommand(
                            rule.id(),
                            configured.thresholds(),
                            configured.enabled(),
                            RecordRuleVersionCommand.SOURCE_CONFIGURATION,
                            clock.instant()));
                } catch (RuntimeException e) {
                    log.warn(
                            "could not record the configured thresholds of rule {}: {}",
                            rule.id(),
                            Objects.toString(e.getMessage()));
                }
            }
            ruleBook.reload();
        };
    }
}
