package io.orderinsight.infra.generations;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderinsight.audit.jobs.Jobs;
import io.orderinsight.infra.OrderInsightProperties;
import io.orderinsight.infra.axon.ProjectionEventSource;
import io.orderinsight.infra.axon.TrackingProjectionClock;
import io.orderinsight.infra.mongo.MongoProperties;
import io.orderinsight.query.InsightQueries;
import io.orderinsight.query.ReadModels;
import io.orderinsight.query.ReportingProperties;
import java.time.Clock;
import java.util.function.Function;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.ObjectProvider;
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
            Serializer serializer,
            PagedCatchUp catchUp) {
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
                generations.retireAfter(),
                catchUp);
    }

    /**
     * Catch-ups in pages claim segments under an owner of their own ({@code <node>/catch-up}) in the projections'
     * token store, so that no processor, this node's included, claims them until the catch-up is done.
     */
    @Bean
    PagedCatchUp pagedCatchUp(
            MongoClient client,
            MongoProperties mongo,
            Serializer serializer,
            OrderInsightProperties app,
            ProjectionEventSource source,
            TransactionManager transactions,
            GenerationSettings generations,
            MeterRegistry meters) {
        TokenStore catchUpClaims = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(client, mongo.database())
                        .build())
                .serializer(serializer)
                .nodeId(app.node() + "/catch-up")
                .build();
        return new PagedCatchUp(catchUpClaims, source, transactions, generations.catchUp(), meters);
    }

    /**
     * Runs before Axon starts the event processors: the live generations far behind the head have their segments
     * claimed for a catch-up in pages, so their processors start with nothing to claim until it is done.
     */
    @Bean
    ConfigurerModule catchUpBeforeProcessorsStart(ObjectProvider<GenerationProcessors> processors) {
        return configurer -> configurer.onStart(
                Phase.INBOUND_EVENT_CONNECTORS - 1, () -> processors.getObject().catchUpLiveGenerations());
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
