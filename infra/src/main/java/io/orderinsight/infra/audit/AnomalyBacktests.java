package io.orderinsight.infra.audit;

import io.orderinsight.audit.backtest.HourlyRuleBacktest;
import io.orderinsight.query.AnomalyDetector;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The anomaly rules' backtest for the audit's backtest jobs: the query side's {@link AnomalyDetector}, judging the
 * counters' hours as it does live, without raising anything. Wired here because neither module may import the other.
 */
@Configuration(proxyBeanMethods = false)
public class AnomalyBacktests {

    @Bean
    HourlyRuleBacktest hourlyRuleBacktest(ObjectProvider<AnomalyDetector> detector) {
        return (ruleId, thresholds, version, from, to) -> {
            AnomalyDetector live = detector.getIfAvailable();
            if (live == null) {
                throw new IllegalStateException(
                        "the anomaly detector is off on this node (orderinsight.anomaly.enabled)");
            }
            return live.backtest(ruleId, thresholds, version, from, to).stream()
                    .map(found -> new HourlyRuleBacktest.HourlyFinding(
                            found.alertId().value(),
                            found.evidence().hour().plus(1, ChronoUnit.HOURS),
                            found.subject().name(),
                            found.subjectId(),
                            AnomalyDetector.detail(found)))
                    .toList();
        };
    }
}
