package io.orderinsight.query;

import io.orderinsight.domain.shared.AcceptedTimes;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query side's wiring. */
@Configuration(proxyBeanMethods = false)
public class QuerySideConfiguration {

    /** Query windows bounded like the commands' times ({@code orderinsight.commands.clock-skew}). */
    @Bean
    QueryWindows queryWindows(Clock clock, @Value("${orderinsight.commands.clock-skew:15m}") Duration skew) {
        return new QueryWindows(clock, new AcceptedTimes(skew));
    }

    /**
     * The anomaly rules, judged every {@code orderinsight.anomaly.every} (1 minute) on the completed hours past their
     * grace period ({@code orderinsight.anomaly.grace}, 5 minutes; the latest {@code .lookback}, 3);
     * {@code orderinsight.anomaly.enabled=false} turns the detector off (the rules can also be disabled one by one).
     */
    @Bean
    @ConditionalOnProperty(name = "orderinsight.anomaly.enabled", matchIfMissing = true)
    AnomalyDetector anomalyDetector(
            InsightQueries insight,
            AttributionQueries attribution,
            ReadModels readModels,
            CommandGateway commands,
            Clock clock,
            @Value("${orderinsight.anomaly.grace:PT5M}") Duration grace,
            @Value("${orderinsight.anomaly.lookback:3}") int lookback) {
        return new AnomalyDetector(insight, attribution, readModels, commands, clock, grace, lookback);
    }

    @Bean
    @ConditionalOnProperty(name = "orderinsight.anomaly.enabled", matchIfMissing = true)
    AnomalySchedule anomalySchedule(AnomalyDetector detector, ProjectionClock projections) {
        return new AnomalySchedule(detector, projections);
    }

    @Bean
    LiveStream liveStream(QueryGateway queries, ProjectionClock clock, StreamSettings settings) {
        return new LiveStream(queries, clock, settings);
    }
}
