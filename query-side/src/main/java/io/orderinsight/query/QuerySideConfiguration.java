package io.orderinsight.query;

import io.orderinsight.domain.shared.AcceptedTimes;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
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

    @Bean
    LiveStream liveStream(QueryGateway queries, ProjectionClock clock, StreamSettings settings) {
        return new LiveStream(queries, clock, settings);
    }
}
