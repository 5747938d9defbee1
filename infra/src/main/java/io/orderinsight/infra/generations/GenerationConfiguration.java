package io.orderinsight.infra.generations;

import com.mongodb.client.MongoDatabase;
import io.orderinsight.audit.jobs.Jobs;
import io.orderinsight.infra.OrderInsightProperties;
import io.orderinsight.infra.axon.ProjectionEventSource;
import io.orderinsight.infra.axon.TrackingProjectionClock;
import io.orderinsight.query.InsightQueries;
import io.orderinsight.query.ReadModels;
import io.orderinsight.query.ReportingProperties;
import java.time.Clock;
import java.util.function.Function;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Blue/green generations of the projections: pointers, the processors each node runs, rebuilds, drift, as-of. */
@Configuration(proxyBeanMethods = false)
public class GenerationConfiguration {

    @Bean
    GenerationPointers generationPointers(MongoDatabase readModels, Clock clock) {
        return new GenerationPointers(readModels, clock);
    }

    /** What readers read: each projection's live generation. */
    @Bean
    ReadModels readModels(MongoDatabase readModels, GenerationPointers pointers) {
        return new ReadModels(readModels, pointers);
    }

    @Bean
    ProjectionCatalog projectionCatalog(MongoDatabase readModels) {
        return new ProjectionCatalog(readModels);
    }

    @Bean
    GenerationProcessors generationProcessors(
            EventProcessingConfiguration processing,
            ProjectionCatalog catalog,
            GenerationPointers pointers,
            TrackingProjectionClock tokens,
            ProjectionEventSource source,
            MongoTokenStore projectionTokenStore,
            TransactionManager transactions,
            ParameterResolverFactory parameters,
            EventProcessorProperties settings,
            Clock clock,
            GenerationSettings generations,
            ConnectionProvider connections,
            Serializer serializer) {
        // a rebuilt generation sets aside what it cannot handle in a queue of its own processor's name
        Function<String, SequencedDeadLetterQueue<EventMessage<?>>> deadLetters =
                processor -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(processor)
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .genericSerializer(serializer)
                        .eventSerializer(serializer)
                        .build();
        return new GenerationProcessors(
                processing,
                catalog,
                pointers,
                tokens,
                source,
                deadLetters,
                projectionTokenStore,
                transactions,
                parameters,
                settings,
                clock,
                generations.retireAfter());
    }

    @Bean
    SegmentBalancer segmentBalancer(
            MongoDatabase readModels,
            GenerationPointers pointers,
            GenerationProcessors processors,
            TrackingProjectionClock tokens,
            Clock clock,
            OrderInsightProperties app,
            GenerationSettings generations) {
        return new SegmentBalancer(
                readModels, pointers, processors, tokens, clock, app.node(), generations.balanceInterval());
    }

    @Bean
    SegmentControl segmentControl(
            GenerationPointers pointers, GenerationProcessors processors, TrackingProjectionClock tokens) {
        return new SegmentControl(pointers, processors, tokens);
    }

    @Bean
    ProjectionRebuilds projectionRebuilds(
            Jobs jobs, GenerationPointers pointers, GenerationProcessors processors, Clock clock) {
        return new ProjectionRebuilds(jobs, pointers, processors, clock);
    }

    @Bean
    DriftCheck driftCheck(
            Jobs jobs,
            ProjectionCatalog catalog,
            GenerationPointers pointers,
            GenerationProcessors processors,
            ProjectionEventSource events,
            ParameterResolverFactory parameters) {
        return new DriftCheck(jobs, catalog, pointers, processors, events, parameters);
    }

    @Bean
    AsOfInsight asOfInsight(
            Jobs jobs,
            ProjectionCatalog catalog,
            GenerationPointers pointers,
            GenerationProcessors processors,
            ProjectionEventSource events,
            ParameterResolverFactory parameters,
            InsightQueries today,
            ReportingProperties reporting) {
        return new AsOfInsight(jobs, catalog, pointers, processors, events, parameters, today, reporting);
    }
}
