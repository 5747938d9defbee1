package io.orderinsight.query;

import org.axonframework.queryhandling.QueryGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query side's wiring. */
@Configuration(proxyBeanMethods = false)
public class QuerySideConfiguration {

    @Bean
    LiveStream liveStream(QueryGateway queries, ProjectionClock clock, StreamSettings settings) {
        return new LiveStream(queries, clock, settings);
    }
}
