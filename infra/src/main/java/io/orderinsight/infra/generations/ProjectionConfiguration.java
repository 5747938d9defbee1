package io.orderinsight.infra.generations;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.orderinsight.infra.OrderInsightProperties;
import io.orderinsight.infra.axon.ConflictRetry;
import io.orderinsight.infra.axon.ProcessorLag;
import io.orderinsight.infra.axon.ProjectionEventSource;
import io.orderinsight.infra.axon.Quarantine;
import io.orderinsight.infra.axon.StoreOutagePolicy;
import io.orderinsight.infra.axon.TrackingProjectionClock;
import io.orderinsight.infra.mongo.MongoProperties;
import io.orderinsight.projections.support.BatchedProjection;
import io.orderinsight.projections.support.CounterShards;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.ProjectionGroup;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.query.PeriodDocuments;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read-model projections: the views (order, payment, refund and risk views, handlers of one processing group) and
 * the insight counters, each group a pooled streaming processor (settings under
 * {@code axon.eventhandling.processors.<group>}), sequenced by order id, with its tracking token in MongoDB beside its
 * documents (axon-mongo's {@link MongoTokenStore}). Everything with side effects keeps the JDBC token store.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    /** A bean of every projection registered in the catalog, writing its group's live generation. */
    @Bean
    static LiveProjections liveProjections() {
        return new LiveProjections();
    }

    /** The event source of every projection processor ({@code axon.eventhandling.processors.<group>.source}). */
    @Bean
    ProjectionEventSource projectionEvents(EventStore eventStore) {
        return new ProjectionEventSource(eventStore);
    }

    @Bean
    MongoTokenStore projectionTokenStore(
            MongoClient client, MongoProperties properties, Serializer serializer, OrderInsightProperties app) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(client, properties.database())
                        .build())
                .serializer(serializer)
                .nodeId(app.node())
                .build();
    }

    @Bean
    ProcessorLag processorLag(EventProcessingConfiguration processing, JdbcTemplate jdbc, Clock clock) {
        return new ProcessorLag(processing, jdbc, clock);
    }

    /**
     * {@code orderinsight.projections.write.conflicts} by projection and outcome: counter document writes worked out
     * again because another writer (another segment) changed the document since the batch read it ({@code retried}),
     * and batches refused and delivered again for it ({@code refused}: a segment taken over mid-batch).
     */
    @Bean
    MeterBinder projectionWriteConflicts(List<BatchedProjection> projections) {
        Map<String, BatchedProjection> byGroup = byGroup(projections);
        return registry -> {
            for (Map.Entry<String, BatchedProjection> grouped : byGroup.entrySet()) {
                String name = grouped.getKey();
                BatchedProjection projection = grouped.getValue();
                FunctionCounter.builder(
                                "orderinsight.projections.write.conflicts",
                                projection,
                                counted -> counted.writeConflicts().retried())
                        .tag("projection", name)
                        .tag("outcome", "retried")
                        .description("counter document writes retried after another writer changed the document")
                        .register(registry);
                FunctionCounter.builder(
                                "orderinsight.projections.write.conflicts",
                                projection,
                                counted -> counted.writeConflicts().refused())
                        .tag("projection", name)
                        .tag("outcome", "refused")
                        .description("batches delivered again after another writer changed one of their documents")
                        .register(registry);
            }
        };
    }

    /**
     * {@code orderinsight.insight.cache.reads} by outcome: counter period documents the queries took from memory
     * ({@code hit}: unchanged since kept) or read in full ({@code miss}); {@code orderinsight.insight.cache.entries}:
     * figure entries kept ({@link PeriodDocuments}).
     */
    @Bean
    MeterBinder insightQueryCache(PeriodDocuments periods) {
        return registry -> {
            FunctionCounter.builder("orderinsight.insight.cache.reads", periods, PeriodDocuments::taken)
                    .tag("outcome", "hit")
                    .description("counter documents the queries took from memory, unchanged since kept")
                    .register(registry);
            FunctionCounter.builder("orderinsight.insight.cache.reads", periods, PeriodDocuments::readInFull)
                    .tag("outcome", "miss")
                    .description("counter documents the queries read in full")
                    .register(registry);
            Gauge.builder("orderinsight.insight.cache.entries", periods, PeriodDocuments::entries)
                    .description("figure entries of counter documents kept in memory for the queries")
                    .register(registry);
        };
    }

    @Bean
    Quarantine quarantine(JdbcTemplate jdbc) {
        return new Quarantine(jdbc);
    }

    @Bean
    TrackingProjectionClock projectionClock(
            MongoClient client,
            MongoProperties properties,
            Serializer serializer,
            JdbcTemplate jdbc,
            GenerationPointers generations,
            Quarantine quarantine) {
        return new TrackingProjectionClock(
                client.getDatabase(properties.database()), serializer, jdbc, generations, quarantine);
    }

    /**
     * Per projection, for the generation live at start (its processor {@code name}, or {@code name@n} after a
     * blue/green rebuild, with the settings of {@code axon.eventhandling.processors.<name>}): its token store,
     * sequencing by order id (the risk views' events: by aggregate), a dead-letter policy that parks failing events but retries batches
     * through a store outage ({@link StoreOutagePolicy}), and the interceptor that writes each batch of its events to
     * MongoDB once the batch's last event was handled (before the processor stores its token).
     */
    @Bean
    ConfigurerModule projectionProcessors(
            MongoTokenStore projectionTokens,
            GenerationPointers generations,
            ObjectProvider<ProjectionEventSource> projectionEvents,
            EventProcessorProperties settings,
            List<BatchedProjection> projections) {
        Map<String, BatchedProjection> byGroup = byGroup(projections);
        EventProcessorProperties.ProcessorSettings counters =
                settings.getProcessors().get(ProjectionNames.INSIGHT);
        if (counters != null && counters.getInitialSegmentCount() != null) {
            CounterShards.requireAtMost(ProjectionNames.INSIGHT, counters.getInitialSegmentCount());
        }
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            // a handler's failure must never be logged and skipped (Axon's default): a processor without a dead-letter
            // queue fails the batch and retries it with back-off, so no event is lost to an outage of the stores
            processing.registerDefaultListenerInvocationErrorHandler(
                    configuration -> PropagatingErrorHandler.instance());
            for (String group : ProjectionNames.ALL) {
                Generation live = generations.read(group).liveGeneration();
                String processor = live.processorName();
                if (live.number() == Generation.FIRST) {
                    processing.registerPooledStreamingEventProcessorConfiguration(
                            processor,
                            (configuration, builder) -> builder.initialToken(ProjectionConfiguration::start)
                                    .claimExtensionThreshold(CLAIM_EXTENSION_MILLIS));
                }
                if (live.number() != Generation.FIRST) {
                    processing.assignProcessingGroup(group, processor);
                    processing.registerPooledStreamingEventProcessor(
                            processor,
                            configuration -> projectionEvents.getObject(),
                            (configuration, builder) -> configured(
                                    builder, processor, settings.getProcessors().get(group)));
                }
                processing.registerTokenStore(processor, configuration -> (TokenStore) projectionTokens);
                processing.registerSequencingPolicy(group, configuration -> ProjectionCatalog.sequencing(group));
                processing.registerDeadLetterPolicy(group, configuration -> new StoreOutagePolicy());
                processing.registerErrorHandler(
                        processor,
                        configuration -> new ConflictRetry(
                                processor,
                                () -> configuration
                                        .eventProcessingConfiguration()
                                        .eventProcessor(processor, StreamingEventProcessor.class),
                                ProjectionCatalog.sequencing(group)));
                BatchedProjection projection = byGroup.get(group);
                processing.registerHandlerInterceptor(processor, configuration -> projection.flushAtEndOfBatch());
            }
        };
    }

    /** The projection beans by processing group, the several handlers of one group as one {@link ProjectionGroup}. */
    private static Map<String, BatchedProjection> byGroup(List<BatchedProjection> projections) {
        Map<String, List<BatchedProjection>> members = new TreeMap<>();
        for (BatchedProjection projection : projections) {
            ProcessingGroup group = projection.getClass().getAnnotation(ProcessingGroup.class);
            if (group != null) {
                members.computeIfAbsent(group.value(), name -> new ArrayList<>())
                        .add(projection);
            }
        }
        Map<String, BatchedProjection> byGroup = new TreeMap<>();
        members.forEach((group, grouped) ->
                byGroup.put(group, grouped.size() == 1 ? grouped.get(0) : new ProjectionGroup(grouped)));
        return byGroup;
    }

    /**
     * Where a projection's first processor starts: the tail of the event store, or on an empty one the position before
     * its first index (1) rather than no token at all — Axon's Mongo token store cannot store the null token a merge of
     * two segments that have seen nothing would write.
     */
    private static TrackingToken start(StreamableMessageSource<TrackedEventMessage<?>> events) {
        TrackingToken tail = events.createTailToken();
        return tail != null ? tail : GapAwareTrackingToken.newInstance(0, List.of());
    }

    /**
     * How often the projections' idle segments (of every generation) store their tokens and extend their claims. A
     * segment whose latest events were all for other segments stores its token only then: with Axon's 5 s, a finished
     * rebuild waited up to ten seconds to switch over, and the answers' freshness lagged as long after a quiet spell.
     */
    public static final long CLAIM_EXTENSION_MILLIS = 1_000;

    private static PooledStreamingEventProcessor.Builder configured(
            PooledStreamingEventProcessor.Builder builder,
            String processor,
            EventProcessorProperties.ProcessorSettings settings) {
        builder.claimExtensionThreshold(CLAIM_EXTENSION_MILLIS);
        if (settings == null) {
            return builder;
        }
        if (settings.getInitialSegmentCount() != null) {
            builder.initialSegmentCount(settings.getInitialSegmentCount());
        }
        return builder.batchSize(settings.getBatchSize())
                .workerExecutor(Executors.newScheduledThreadPool(
                        Math.max(1, settings.getThreadCount()),
                        new AxonThreadFactory("WorkPackage[" + processor + "]")));
    }
}
