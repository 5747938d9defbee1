package io.orderinsight.infra.generations;

import io.orderinsight.infra.axon.ConflictRetry;
import io.orderinsight.infra.axon.ProjectionEventSource;
import io.orderinsight.infra.axon.StoreOutagePolicy;
import io.orderinsight.infra.axon.TrackingProjectionClock;
import io.orderinsight.infra.generations.GenerationPointers.Pointer;
import io.orderinsight.infra.generations.GenerationPointers.Retired;
import io.orderinsight.projections.support.BatchedProjection;
import io.orderinsight.projections.support.CounterShards;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.ProjectionNames;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.springboot.EventProcessorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs, on this node, the processors the pointer documents ask for: each projection's live generation and the one
 * being rebuilt, and nothing else. Every node watches the pointers, so all of them start a rebuild's processor (its
 * segments split between them through the token store), any of them switches readers over once it has caught up with
 * the live one, each stops its own processor of the retired generation, and the retired collections and tokens are
 * dropped after {@code orderinsight.projections.retire-after}, long after every reader has moved on.
 *
 * <p>The generation that was live at start runs on the processor Axon's configuration made for it; others run on
 * pooled streaming processors built here with the same settings ({@code axon.eventhandling.processors.<projection>}).
 * A new generation starts from a replay token of the head, so it reads all of history as a replay.
 */
public class GenerationProcessors {

    private static final Logger log = LoggerFactory.getLogger(GenerationProcessors.class);

    private final EventProcessingConfiguration processing;
    private final ProjectionCatalog catalog;
    private final GenerationPointers pointers;
    private final TrackingProjectionClock tokens;
    private final ProjectionEventSource source;
    private final Function<String, SequencedDeadLetterQueue<EventMessage<?>>> deadLetters;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final ParameterResolverFactory parameters;
    private final EventProcessorProperties settings;
    private final Clock clock;
    private final Duration retireAfter;
    private final PagedCatchUp catchUp;
    private final Map<String, Running> started = new ConcurrentHashMap<>();
    /** The processors of this node catching up in pages: each is started once its catch-up ends. */
    private final Set<String> catchingUp = ConcurrentHashMap.newKeySet();

    private final ExecutorService catchUps = Executors.newCachedThreadPool(new AxonThreadFactory("PagedCatchUp"));
    private volatile boolean closed;

    public GenerationProcessors(
            EventProcessingConfiguration processing,
            ProjectionCatalog catalog,
            GenerationPointers pointers,
            TrackingProjectionClock tokens,
            ProjectionEventSource source,
            Function<String, SequencedDeadLetterQueue<EventMessage<?>>> deadLetters,
            TokenStore tokenStore,
            TransactionManager transactions,
            ParameterResolverFactory parameters,
            EventProcessorProperties settings,
            Clock clock,
            Duration retireAfter,
            PagedCatchUp catchUp) {
        this.processing = processing;
        this.catalog = catalog;
        this.pointers = pointers;
        this.tokens = tokens;
        this.source = source;
        this.deadLetters = deadLetters;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.parameters = parameters;
        this.settings = settings;
        this.clock = clock;
        this.retireAfter = retireAfter;
        this.catchUp = catchUp;
    }

    @Scheduled(
            fixedDelayString = "${orderinsight.projections.watch-interval:PT1S}",
            initialDelayString = "${orderinsight.projections.watch-interval:PT1S}")
    public void watch() {
        for (String projection : ProjectionNames.ALL) {
            try {
                reconcile(projection);
            } catch (RuntimeException e) {
                log.warn("could not reconcile the generations of {}: {}", projection, e.toString());
            }
        }
    }

    /** Brings this node's processors of {@code projection} in line with its pointer; switches over when due. */
    public synchronized void reconcile(String projection) {
        if (closed) {
            return;
        }
        Pointer pointer = pointers.read(projection);
        Generation live = pointer.liveGeneration();
        Generation building = pointer.buildingGeneration();
        stopAllBut(projection, live, building);
        if (processing.eventProcessor(live.processorName()).isEmpty()) {
            ensureStarted(live);
        }
        if (building != null) {
            ensureStarted(building);
            if (caughtUp(building, live, pointer.buildingUntil())) {
                if (pointers.switchOver(building, live.number())) {
                    log.info(
                            "projection {}: generation {} caught up, readers switched over from generation {}",
                            projection,
                            building.number(),
                            live.number());
                }
                stopAllBut(projection, building, null);
            }
        }
        for (Retired retired : pointer.retired()) {
            if (retired.at().plus(retireAfter).isBefore(clock.instant())) {
                drop(Generation.of(projection, retired.generation()));
            }
        }
    }

    /**
     * Where a generation's processor stands: the lowest position of its segments in the shared token store, -1
     * before it has processed anything.
     */
    public long positionOf(Generation generation) {
        return tokens.positionOf(generation.processorName());
    }

    public long head() {
        return tokens.head();
    }

    /**
     * The new generation has every segment, they have passed the head of the store when the rebuild began, and they
     * have reached the live generation (or the head): a live generation that is stuck does not make its successor
     * look done.
     */
    private boolean caughtUp(Generation building, Generation live, long until) {
        if (tokens.segmentsOf(building.processorName()) == 0) {
            return false;
        }
        long head = tokens.head();
        if (head < 0) {
            return true;
        }
        long reached = positionOf(building);
        return reached >= 0 && reached >= until && reached >= Math.min(positionOf(live), head);
    }

    private void stopAllBut(String projection, Generation live, Generation building) {
        List<String> keep = new ArrayList<>();
        keep.add(live.processorName());
        if (building != null) {
            keep.add(building.processorName());
        }
        processing.eventProcessors().forEach((name, processor) -> {
            if (belongsTo(name, projection) && !keep.contains(name) && processor.isRunning()) {
                log.info(
                        "projection {}: stopping {} on this node, its generation is no longer served",
                        projection,
                        name);
                processor.shutDown();
            }
        });
        catchingUp.removeIf(name -> belongsTo(name, projection) && !keep.contains(name));
        for (String name : List.copyOf(started.keySet())) {
            if (belongsTo(name, projection) && !keep.contains(name)) {
                log.info(
                        "projection {}: stopping {} on this node, its generation is no longer served",
                        projection,
                        name);
                started.remove(name).stop();
            }
        }
    }

    private static boolean belongsTo(String processorName, String projection) {
        return processorName.equals(projection) || processorName.startsWith(projection + "@");
    }

    private void ensureStarted(Generation generation) {
        String name = generation.processorName();
        if (started.containsKey(name)) {
            return;
        }
        EventProcessorProperties.ProcessorSettings configured =
                settings.getProcessors().get(generation.projection());
        int threads = configured == null ? 1 : Math.max(1, configured.getThreadCount());
        int segments = initialSegments(generation.projection());
        int batchSize = configured == null ? 100 : configured.getBatchSize();
        if (generation.projection().equals(ProjectionNames.INSIGHT)) {
            CounterShards.requireAtMost(name, segments);
        }
        BatchedProjection projection = catalog.create(generation);
        ScheduledExecutorService coordinator =
                Executors.newScheduledThreadPool(1, new AxonThreadFactory("Coordinator[" + name + "]"));
        ScheduledExecutorService workers =
                Executors.newScheduledThreadPool(threads, new AxonThreadFactory("WorkPackage[" + name + "]"));
        // like the live generation's: an event that fails is set aside with its order's, a store outage is retried
        SequencedDeadLetterQueue<EventMessage<?>> queue = deadLetters.apply(name);
        DeadLetteringEventHandlerInvoker.Builder invoking = DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(projection.handlers())
                .parameterResolverFactory(parameters)
                .sequencingPolicy(ProjectionCatalog.sequencing(generation.projection()))
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                .queue(queue)
                .enqueuePolicy(new StoreOutagePolicy())
                .transactionManager(transactions);
        if (configured != null && configured.getDlq().getCache().isEnabled()) {
            // as the live generation's: remembers which orders have nothing parked instead of asking PostgreSQL for
            // every event (a rebuild asked once per event of history)
            invoking.enableSequenceIdentifierCache()
                    .sequenceIdentifierCacheSize(configured.getDlq().getCache().getSize());
        }
        DeadLetteringEventHandlerInvoker invoker = invoking.build();
        AtomicReference<StreamingEventProcessor> built = new AtomicReference<>();
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(invoker)
                .errorHandler(new ConflictRetry(
                        name,
                        () -> Optional.ofNullable(built.get()),
                        ProjectionCatalog.sequencing(generation.projection())))
                .messageSource(source)
                .tokenStore(tokenStore)
                .transactionManager(transactions)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(segments)
                .batchSize(batchSize)
                .claimExtensionThreshold(ProjectionConfiguration.CLAIM_EXTENSION_MILLIS)
                .initialToken(events -> ReplayToken.createReplayToken(events.createHeadToken()))
                .build();
        built.set(processor);
        processor.registerHandlerInterceptor(projection.flushAtEndOfBatch());
        started.put(name, new Running(processor, new DeadLetters(queue, invoker), coordinator, workers));
        Runnable start = () -> {
            processor.start();
            log.info("projection {}: started {} on this node", generation.projection(), name);
        };
        PagedCatchUp.Target target = new PagedCatchUp.Target(
                name,
                invoker,
                processor.getHandlerInterceptors(),
                segments,
                () -> ReplayToken.createReplayToken(source.createHeadToken()));
        boolean paged;
        try {
            paged = catchUpFirst(target, start);
        } catch (RuntimeException e) {
            log.warn(
                    "{}: could not claim a catch-up in pages, the processor catches up itself: {}", name, e.toString());
            paged = false;
        }
        if (!paged) {
            start.run();
        }
    }

    /**
     * Before Axon starts the processors of the live generations (and wherever a node restarts them): each one that is
     * far behind the head — a node starting on an empty read store, or after a long stop — has its segments claimed
     * for a catch-up in pages, so its processor starts with nothing to claim; once the catch-up is done it claims them
     * and goes on live.
     */
    public synchronized void catchUpLiveGenerations() {
        long head = head();
        List<PagedCatchUp.Claim> claims = new ArrayList<>();
        Map<String, Runnable> then = new LinkedHashMap<>();
        for (String projection : ProjectionNames.ALL) {
            Generation live = pointers.read(projection).liveGeneration();
            String name = live.processorName();
            if (catchingUp.contains(name)
                    || !(processing.eventProcessor(name).orElse(null)
                            instanceof PooledStreamingEventProcessor processor)) {
                continue;
            }
            int segments = initialSegments(projection);
            PagedCatchUp.Claim claim;
            try {
                claim = catchUp.claim(
                        new PagedCatchUp.Target(
                                name,
                                processor.eventHandlerInvoker(),
                                processor.getHandlerInterceptors(),
                                segments,
                                source::createTailToken),
                        head);
            } catch (RuntimeException e) {
                log.warn(
                        "{}: could not claim a catch-up in pages, the processor catches up itself: {}",
                        name,
                        e.toString());
                continue;
            }
            if (claim != null) {
                claims.add(claim);
                then.put(name, () -> {
                    if (processor.isRunning()) {
                        for (int segment : tokenStore.fetchSegments(name)) {
                            processor.claimSegment(segment);
                        }
                    }
                });
            }
        }
        if (!claims.isEmpty()) {
            runThenStart(claims, head, then);
        }
    }

    /**
     * Claims the target's segments for a catch-up in pages if it is far behind, and runs it; {@code then} runs once
     * it has ended. False, with nothing claimed, when there is nothing to catch up.
     */
    private boolean catchUpFirst(PagedCatchUp.Target target, Runnable then) {
        long head = head();
        PagedCatchUp.Claim claim = catchUp.claim(target, head);
        if (claim == null) {
            return false;
        }
        runThenStart(List.of(claim), head, Map.of(target.processor(), then));
        return true;
    }

    /**
     * Runs the claims' catch-up, from one reading of the stream, on a thread of its own; then, for each processor,
     * what {@code then} names for it (its claims released by then), unless its generation stopped being served here
     * meanwhile ({@link #stopAllBut}) or the node is closing. A catch-up that fails leaves the rest to the processors,
     * from the last page that was stored.
     */
    private void runThenStart(List<PagedCatchUp.Claim> claims, long head, Map<String, Runnable> then) {
        catchingUp.addAll(then.keySet());
        catchUps.execute(() -> {
            try {
                catchUp.runTogether(claims, head, () -> closed || !catchingUp.containsAll(then.keySet()));
            } catch (RuntimeException e) {
                log.warn(
                        "{}: could not catch up in pages, the processors catch up themselves: {}",
                        then.keySet(),
                        e.toString());
            } finally {
                if (closed) {
                    catchingUp.removeAll(then.keySet());
                } else {
                    synchronized (this) {
                        then.forEach((name, start) -> {
                            if (catchingUp.remove(name) && !closed) {
                                start.run();
                            }
                        });
                    }
                }
            }
        });
    }

    /** How many segments a projection's processor is made with ({@code initial-segment-count}, else one). */
    private int initialSegments(String projection) {
        EventProcessorProperties.ProcessorSettings configured =
                settings.getProcessors().get(projection);
        return configured == null || configured.getInitialSegmentCount() == null
                ? 1
                : configured.getInitialSegmentCount();
    }

    /** Whether {@code generation}'s processor on this node is catching up in pages (and starts when done). */
    public boolean catchingUp(Generation generation) {
        return catchingUp.contains(generation.processorName());
    }

    /** The processor of {@code generation} on this node, if it runs here. */
    public EventProcessor processorOf(Generation generation) {
        Running running = started.get(generation.processorName());
        if (running != null) {
            return running.processor;
        }
        return processing.eventProcessor(generation.processorName()).orElse(null);
    }

    private void drop(Generation retired) {
        catalog.drop(retired);
        tokens.deleteTokens(retired.processorName());
        pointers.dropped(retired.projection(), retired.number());
        log.info(
                "projection {}: generation {} dropped ({})",
                retired.projection(),
                retired.number(),
                ProjectionCatalog.collections(retired));
    }

    /** Stops this node's own processors before Axon's lifecycle stops what they use. */
    @EventListener(ContextClosedEvent.class)
    public void stopAll() {
        closed = true;
        catchUps.shutdownNow();
        try {
            if (!catchUps.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("a catch-up in pages did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            stopStarted();
        }
    }

    private void stopStarted() {
        started.values().forEach(Running::stop);
        started.clear();
    }

    /**
     * The dead letters of the generations this node built beside the live one at start, by processor name (the live
     * generation's own are in Axon's configuration, under the projection's name).
     */
    public Map<String, DeadLetters> rebuiltDeadLetters() {
        Map<String, DeadLetters> letters = new java.util.TreeMap<>();
        started.forEach((name, running) -> letters.put(name, running.deadLetters));
        return letters;
    }

    /** A processor's queue of events set aside, and what retries them. */
    public record DeadLetters(
            SequencedDeadLetterQueue<EventMessage<?>> queue, SequencedDeadLetterProcessor<EventMessage<?>> processor) {}

    private record Running(
            PooledStreamingEventProcessor processor,
            DeadLetters deadLetters,
            ScheduledExecutorService coordinator,
            ScheduledExecutorService workers) {

        void stop() {
            try {
                processor.shutdownAsync().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("processor {} did not stop cleanly: {}", processor.getName(), e.toString());
            } finally {
                coordinator.shutdownNow();
                workers.shutdownNow();
            }
        }
    }
}
