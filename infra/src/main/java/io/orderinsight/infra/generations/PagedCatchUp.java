package io.orderinsight.infra.generations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a projection's processor that is far behind the head of the event store up to that head before the processor
 * runs, in pages of thousands of events rather than in the processor's batches of a few hundred handed out one event
 * at a time by its coordinator. One thread reads the next page from the store and decodes its payloads and metadata
 * while the page before is applied: through the processor's own handler invoker (its dead-letter queue included) and
 * interceptors, the segments' parts of the page as one batch per core, at the same time, as the processor's work
 * packages would — so each document a part touches is read ahead and written once for the whole page. The segments'
 * tokens are stored in their batch's unit of work, after its writes, as the processor itself does.
 *
 * <p>It works on the segments it can claim in the token store, as the processor would (another node's segments are
 * left to that node), skips for each segment what its token already covers, and advances each token as that
 * segment's work package would. A page that fails rolls back; the processor then takes over from the last stored
 * token and retries or dead-letters as it always does. The handlers are those of the live processor, so a replayed
 * page is exactly what the processor would have done, only with fewer round trips.
 */
public class PagedCatchUp {

    private static final Logger log = LoggerFactory.getLogger(PagedCatchUp.class);
    private static final long WAIT_MILLIS = 200;
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long the reader waits for the next event before it leaves the rest to the processor. */
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final TokenStore tokenStore;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final TransactionManager transactions;
    private final GenerationSettings.CatchUp settings;
    private final MeterRegistry meters;

    public PagedCatchUp(
            TokenStore tokenStore,
            StreamableMessageSource<TrackedEventMessage<?>> events,
            TransactionManager transactions,
            GenerationSettings.CatchUp settings,
            MeterRegistry meters) {
        this.tokenStore = tokenStore;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
        this.meters = meters;
    }

    /**
     * A processor to bring up to the head: its name in the token store, what handles its events, and how its tokens
     * begin when it has none yet.
     *
     * @param initialSegments how many segments its tokens are made with when it has none
     * @param initialToken where it starts when it has no tokens
     */
    public record Target(
            String processor,
            EventHandlerInvoker invoker,
            List<MessageHandlerInterceptor<? super EventMessage<?>>> interceptors,
            int initialSegments,
            Supplier<TrackingToken> initialToken) {}

    /** What a catch-up did: how many events it read and applied, and up to which global index. */
    public record Outcome(long read, long applied, long reachedIndex, double seconds) {}

    /** The segments a catch-up holds, with their tokens as it claimed them, and the lowest index they have reached. */
    public record Claim(Target target, Map<Segment, TrackingToken> tokens, long from) {}

    /**
     * Claims for a catch-up the target's segments that no processor holds (making its tokens first if it has none),
     * when they are at least {@code orderinsight.projections.catch-up.threshold} events behind {@code head}; while
     * claimed, no processor — on this node or another — can claim them. Null, with nothing claimed, if there is
     * nothing to catch up.
     */
    public Claim claim(Target target, long head) {
        if (!settings.enabled() || head < settings.threshold()) {
            return null;
        }
        initialize(target);
        Map<Segment, TrackingToken> claimed = claim(target.processor());
        long from =
                claimed.values().stream().mapToLong(PagedCatchUp::indexOf).min().orElse(head);
        if (claimed.isEmpty() || head - from < settings.threshold()) {
            release(target.processor(), claimed);
            return null;
        }
        return new Claim(target, claimed, from);
    }

    /**
     * Catches several processors up from one reading of the stream (a node's projections at its start): each page is
     * read and decoded once, then applied by every claim's segments at the same time; a claim whose tokens already
     * cover a page's events skips them. Runs on the calling thread, with one reading thread and one per segment.
     * Then releases the claims. Answers each processor's outcome.
     *
     * @param cancelled asked between pages: true stops the catch-up after the page in progress
     */
    public Map<String, Outcome> runTogether(List<Claim> claims, long head, BooleanSupplier cancelled) {
        try {
            return apply(claims, head, cancelled);
        } finally {
            claims.forEach(claim -> release(claim.target().processor(), claim.tokens()));
        }
    }

    private void release(String processor, Map<Segment, TrackingToken> claimed) {
        for (Segment segment : claimed.keySet()) {
            try {
                tokenStore.releaseClaim(processor, segment.getSegmentId());
            } catch (RuntimeException e) {
                log.debug("could not release {} segment {}: {}", processor, segment, e.toString());
            }
        }
    }

    private void initialize(Target target) {
        if (tokenStore.fetchSegments(target.processor()).length > 0) {
            return;
        }
        try {
            tokenStore.initializeTokenSegments(
                    target.processor(),
                    target.initialSegments(),
                    target.initialToken().get());
        } catch (RuntimeException e) {
            // another node made them first (refused, or a duplicate key when both inserted at once)
            log.debug("{}: tokens not made here: {}", target.processor(), e.toString());
        }
    }

    /** The processor's segments this node can claim, with their tokens. */
    private Map<Segment, TrackingToken> claim(String processor) {
        Map<Segment, TrackingToken> claimed = new LinkedHashMap<>();
        int[] ids = tokenStore.fetchSegments(processor);
        for (int id : ids) {
            Segment segment = Segment.computeSegment(id, ids);
            try {
                claimed.put(segment, tokenStore.fetchToken(processor, segment));
            } catch (UnableToClaimTokenException e) {
                log.debug("{}: segment {} is claimed elsewhere", processor, id);
            }
        }
        return claimed;
    }

    /** A claim's state while it catches up: its tokens as its pages moved them on, what it applied, its meters. */
    private static final class Progress {

        final Claim claim;
        final Map<Segment, TrackingToken> tokens;
        final Counter applied;
        final Timer pages;
        long handled;

        Progress(Claim claim, MeterRegistry meters) {
            this.claim = claim;
            this.tokens = new LinkedHashMap<>(claim.tokens());
            String processor = claim.target().processor();
            this.applied = Counter.builder("orderinsight.projections.catch-up.events")
                    .description("events applied by catch-ups in pages, before the processor took over")
                    .tag("processor", processor)
                    .register(meters);
            this.pages = Timer.builder("orderinsight.projections.catch-up.pages")
                    .description("pages of a catch-up applied: handlers, the page's writes and its tokens")
                    .tag("processor", processor)
                    .register(meters);
        }

        String processor() {
            return claim.target().processor();
        }
    }

    private Map<String, Outcome> apply(List<Claim> claims, long head, BooleanSupplier cancelled) {
        List<Progress> progress = new ArrayList<>();
        for (Claim claim : claims) {
            log.info(
                    "{}: catching up {} events (global index {} to {}) in pages of {} on segments {}",
                    claim.target().processor(),
                    head - claim.from(),
                    claim.from(),
                    head,
                    settings.pageSize(),
                    claim.tokens().keySet().stream().map(Segment::getSegmentId).toList());
            progress.add(new Progress(claim, meters));
        }
        String names =
                String.join("+", progress.stream().map(Progress::processor).toList());
        long from = claims.stream().mapToLong(Claim::from).min().orElse(head);
        TrackingToken start = lowest(claims.stream()
                .flatMap(claim -> claim.tokens().values().stream())
                .toList());
        int threads = claims.stream().mapToInt(claim -> claim.tokens().size()).sum();
        BlockingQueue<List<Paged>> queue = new ArrayBlockingQueue<>(2);
        ExecutorService reading = Executors.newSingleThreadExecutor(new AxonThreadFactory("CatchUp[" + names + "]"));
        ExecutorService segments =
                Executors.newFixedThreadPool(threads, new AxonThreadFactory("CatchUpSegment[" + names + "]"));
        long began = System.nanoTime();
        long lastReport = began;
        long read = 0;
        long reached = from;
        try {
            Future<?> reader = reading.submit(() -> read(claims, start, head, queue, cancelled));
            while (true) {
                List<Paged> page = queue.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (page == null) {
                    if (reader.isDone()) {
                        reader.get(); // the reading thread's failure, if it failed
                        break;
                    }
                    continue;
                }
                if (page.isEmpty()) {
                    break;
                }
                long pageBegan = System.nanoTime();
                applyPage(progress, page, segments);
                long pageNanos = System.nanoTime() - pageBegan;
                progress.forEach(claim -> claim.pages.record(pageNanos, TimeUnit.NANOSECONDS));
                read += page.size();
                reached = indexOf(page.get(page.size() - 1).event().trackingToken());
                long now = System.nanoTime();
                if (now - lastReport > PROGRESS_NANOS) {
                    log.info(
                            "{}: caught up to {} of {} ({} events/s)",
                            names,
                            reached,
                            head,
                            Math.round(read / ((now - began) / 1e9)));
                    lastReport = now;
                }
                if (cancelled.getAsBoolean()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("{}: catch-up interrupted at {}; the processors go on from there", names, reached);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.warn(
                    "{}: catch-up in pages stopped at {}: {}; the processors go on from there",
                    names,
                    reached,
                    cause.toString());
        } finally {
            reading.shutdownNow();
            segments.shutdownNow();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Progress claim : progress) {
            log.info(
                    "{}: caught up to {} in pages: {} events read, {} applied in {} s ({} events/s)",
                    claim.processor(),
                    reached,
                    read,
                    claim.handled,
                    Math.round(seconds * 10) / 10.0,
                    Math.round(read / Math.max(seconds, 0.001)));
            outcomes.put(claim.processor(), new Outcome(read, claim.handled, reached, seconds));
        }
        return outcomes;
    }

    /**
     * An event of a page and, for each claim in order, the claimed segment whose handlers it is for (null: none of
     * those this catch-up holds).
     */
    private record Paged(TrackedEventMessage<?> event, Segment[] segments) {}

    /**
     * Reads pages from {@code start} until the event at {@code head}, decoding each event and finding its segments on
     * this thread; a page goes to the applier when full or when the store is slow to give the next event (it is not
     * at its end: {@code head} was stored before this began). Gives up after 30 s without an event. An empty page marks
     * the end.
     */
    private Void read(
            List<Claim> claims,
            TrackingToken start,
            long head,
            BlockingQueue<List<Paged>> queue,
            BooleanSupplier cancelled)
            throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(start)) {
            boolean done = false;
            long idleSince = System.nanoTime();
            while (!done && !cancelled.getAsBoolean()) {
                List<Paged> page = new ArrayList<>(settings.pageSize());
                while (page.size() < settings.pageSize() && !done) {
                    if (!stream.hasNextAvailable((int) WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                        // the store is slow to answer, not at its end: the head was stored before this began
                        if (!page.isEmpty() || cancelled.getAsBoolean()) {
                            break;
                        }
                        done = System.nanoTime() - idleSince > GIVE_UP_NANOS;
                        continue;
                    }
                    idleSince = System.nanoTime();
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    // decoded here once (payload and metadata, as the handlers read them), for every claim
                    event.getPayload();
                    event.getMetaData();
                    Segment[] segments = new Segment[claims.size()];
                    for (int i = 0; i < segments.length; i++) {
                        segments[i] = segmentOf(claims.get(i), event);
                    }
                    page.add(new Paged(event, segments));
                    done = indexOf(event.trackingToken()) >= head;
                }
                if (!page.isEmpty()) {
                    queue.put(page);
                }
            }
        } finally {
            queue.put(List.of());
        }
        return null;
    }

    /** The claimed segment whose handlers {@code event} is for; null if none. */
    private static Segment segmentOf(Claim claim, EventMessage<?> event) {
        Set<Segment> claimed = claim.tokens().keySet();
        SimpleEventHandlerInvoker simple = simpleOf(claim.target().invoker());
        if (simple != null && claimed.size() > 1) {
            // as the invoker judges each segment (a handler for the event, and its sequence in the segment), with the
            // handlers asked once rather than once per segment
            if (!simple.canHandle(event, Segment.ROOT_SEGMENT)) {
                return null;
            }
            Object sequence = simple.getSequencingPolicy().getSequenceIdentifierFor(event);
            int hash = Objects.hashCode(sequence == null ? event.getIdentifier() : sequence);
            for (Segment segment : claimed) {
                if (segment.matches(hash)) {
                    return segment;
                }
            }
            return null;
        }
        for (Segment segment : claimed) {
            if (claim.target().invoker().canHandle(event, segment)) {
                return segment;
            }
        }
        return null;
    }

    /** The one simple invoker {@code invoker} is or holds; null if it is another kind or holds several. */
    private static SimpleEventHandlerInvoker simpleOf(EventHandlerInvoker invoker) {
        if (invoker instanceof MultiEventHandlerInvoker multi
                && multi.delegates().size() == 1) {
            return simpleOf(multi.delegates().get(0));
        }
        return invoker instanceof SimpleEventHandlerInvoker simple ? simple : null;
    }

    /**
     * Applies one page: each claimed segment's part of it as one batch of its own, all at the same time (as the
     * processors' work packages would, with far larger batches), each storing its token after its writes. The page's
     * events a segment's token already covers are not applied again. If a part failed, its failure is thrown once
     * every part has ended.
     */
    private void applyPage(List<Progress> claims, List<Paged> page, ExecutorService segments) throws Exception {
        List<List<Future<Integer>>> applying = new ArrayList<>();
        List<Map<Segment, TrackingToken>> moved = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            Progress claim = claims.get(i);
            Map<Segment, TrackingToken> next = new LinkedHashMap<>(claim.tokens);
            Map<Segment, Part> partOf = partsOf(claim.tokens.keySet());
            for (Paged paged : page) {
                TrackingToken position = paged.event().trackingToken();
                Segment owner = paged.segments()[i];
                if (owner != null && !covers(claim.tokens.get(owner), position)) {
                    Part part = partOf.get(owner);
                    part.events().add(paged.event());
                    part.segmentOf().put(paged.event(), owner);
                }
                next.replaceAll(
                        (segment, token) -> covers(token, position) ? token : WrappedToken.advance(token, position));
            }
            partOf.forEach((segment, part) -> part.tokens().put(segment, next.get(segment)));
            moved.add(next);
            Target target = claim.claim.target();
            List<Future<Integer>> parts = new ArrayList<>();
            Set<Part> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Part part : partOf.values()) {
                if (distinct.add(part)) {
                    parts.add(segments.submit(() -> applyPart(target, part)));
                }
            }
            applying.add(parts);
        }
        long[] handled = new long[claims.size()];
        Exception failed = null;
        for (int i = 0; i < claims.size(); i++) {
            for (Future<Integer> part : applying.get(i)) {
                try {
                    handled[i] += part.get();
                } catch (ExecutionException e) {
                    if (failed == null) {
                        failed = e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        for (int i = 0; i < claims.size(); i++) {
            Progress claim = claims.get(i);
            claim.tokens.putAll(moved.get(i));
            claim.handled += handled[i];
            claim.applied.increment(handled[i]);
        }
    }

    /**
     * The parts a claim's segments are applied in: as many as the node has cores, each holding one or more segments
     * (a document that several segments' events touch is written once per part and page).
     */
    private static Map<Segment, Part> partsOf(Set<Segment> segments) {
        int count = Math.min(segments.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(new Part(new LinkedHashMap<>(), new ArrayList<>(), new IdentityHashMap<>()));
        }
        Map<Segment, Part> partOf = new LinkedHashMap<>();
        int next = 0;
        for (Segment segment : segments) {
            partOf.put(segment, parts.get(next++ % count));
        }
        return partOf;
    }

    /**
     * The part of a page one or more of a claim's segments apply as one batch. (One batch for all segments was tried:
     * it writes a counter document once per page, but applies on one thread, and caught up slower.)
     */
    private record Part(
            Map<Segment, TrackingToken> tokens,
            List<EventMessage<?>> events,
            Map<EventMessage<?>, Segment> segmentOf) {}

    /** One part of a page as one batch, its segments' tokens stored in the batch's unit of work after the writes. */
    private int applyPart(Target target, Part part) throws Exception {
        if (part.events().isEmpty()) {
            transactions.executeInTransaction(() -> store(target.processor(), part.tokens()));
            return 0;
        }
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(part.events());
        batch.attachTransaction(transactions);
        batch.onPrepareCommit(unitOfWork -> store(target.processor(), part.tokens()));
        batch.executeWithResult(
                () -> new DefaultInterceptorChain<>(batch, target.interceptors(), event -> {
                            target.invoker().handle(event, part.segmentOf().get(event));
                            return null;
                        })
                        .proceed(),
                RollbackConfigurationType.ANY_THROWABLE);
        if (batch.getExecutionResult().isExceptionResult()) {
            Throwable failure = batch.getExecutionResult().getExceptionResult();
            throw failure instanceof Exception exception ? exception : new IllegalStateException(failure);
        }
        return part.events().size();
    }

    private void store(String processor, Map<Segment, TrackingToken> tokens) {
        tokens.forEach((segment, token) -> tokenStore.storeToken(token, processor, segment.getSegmentId()));
    }

    private static boolean covers(TrackingToken token, TrackingToken position) {
        return token != null && token.covers(position);
    }

    /** Where reading starts for all of {@code tokens}: their lower bound (null, the start of the stream, if any is). */
    private static TrackingToken lowest(Collection<TrackingToken> tokens) {
        TrackingToken lowest = null;
        boolean first = true;
        for (TrackingToken token : tokens) {
            TrackingToken position = WrappedToken.unwrapLowerBound(token);
            if (position == null) {
                return null;
            }
            lowest = first ? position : lowest.lowerBound(position);
            first = false;
        }
        return lowest;
    }

    private static long indexOf(TrackingToken token) {
        TrackingToken position = WrappedToken.unwrapLowerBound(token);
        return position == null ? -1 : position.position().orElse(-1);
    }
}
