package io.orderinsight.query;

import io.orderinsight.domain.insight.FindAlertsQuery;
import io.orderinsight.domain.insight.FindOverviewQuery;
import io.orderinsight.projections.risk.AlertView;
import io.orderinsight.projections.support.ProjectionNames;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes the overview to every connected client whenever it changes, and each new alert as it is raised. The overview is recomputed from the read model
 * (not from this node's event handlers), so a client sees every change whichever node projected it. Each client holds
 * only the latest unsent overview: a slow client skips intermediate ones instead of queueing them, and sending runs on
 * a small pool so no client can hold up the poller.
 *
 * <p>Slots are bounded twice: {@code orderinsight.stream.max-clients} on the node and {@code max-per-caller} per
 * caller. A client that goes away without a word is only noticed when a write to it fails, so every stream gets a
 * comment line twice each {@code orderinsight.stream.heartbeat}: a closed connection usually takes one more write
 * before it reports, so the slot of a client gone is free again within one heartbeat period after it left.
 */
public class LiveStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

    private final QueryGateway queries;
    private final ProjectionClock clock;
    private final StreamSettings settings;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    /** Open streams per caller; changed together with {@link #clients} under this object's lock. */
    private final Map<String, Integer> perCaller = new HashMap<>();

    private final ExecutorService senders = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "live-stream-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-stream-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long seenPosition = -1;
    private volatile InsightQueries.OverviewResponse latest;
    private volatile java.time.Instant newestAlert;
    /** Whether a poll has learned where the alert list stands (it may have been empty then). */
    private volatile boolean alertsKnown;

    public LiveStream(QueryGateway queries, ProjectionClock clock, StreamSettings settings) {
        this.queries = queries;
        this.clock = clock;
        this.settings = settings;
        long period = Math.max(1, settings.heartbeat().toMillis() / 2);
        heartbeats.scheduleAtFixedRate(() -> clients.forEach(Client::heartbeat), period, period, TimeUnit.MILLISECONDS);
    }

    /** Why a client was refused, or that it was admitted. */
    public sealed interface Admission {

        /** Admitted: the stream to answer with. */
        record Admitted(SseEmitter emitter) implements Admission {}

        /** Refused: every slot is taken, on the node or of this caller. */
        record Refused(String reason) implements Admission {}
    }

    /** A new client of {@code caller}: it gets the current overview at once, then every change. */
    public Admission connect(String caller) {
        SseEmitter emitter = new SseEmitter(0L);
        Client client = new Client(caller, emitter);
        synchronized (this) {
            if (clients.size() >= settings.maxClients()) {
                return new Admission.Refused("all " + settings.maxClients() + " live stream slots are taken");
            }
            int held = perCaller.getOrDefault(caller, 0);
            if (held >= settings.maxPerCaller()) {
                return new Admission.Refused(
                        "the caller already holds " + held + " live streams, the most one caller may hold");
            }
            perCaller.put(caller, held + 1);
            clients.add(client);
        }
        emitter.onCompletion(() -> release(client));
        emitter.onTimeout(() -> release(client));
        emitter.onError(error -> release(client));
        client.offer(latest == null ? current() : latest);
        return new Admission.Admitted(emitter);
    }

    /** Frees the slot of {@code client}; a client may be reported gone more than once. */
    private synchronized void release(Client client) {
        if (clients.remove(client)) {
            perCaller.computeIfPresent(client.caller, (caller, held) -> held > 1 ? held - 1 : null);
        }
    }

    /** Recomputes the overview when the projections have moved, and hands changes to the clients. */
    @Scheduled(fixedDelayString = "${orderinsight.stream.poll-interval:PT1S}")
    public void poll() {
        if (clients.isEmpty()) {
            return;
        }
        long position = clock.freshnessOf(List.of(ProjectionNames.INSIGHT)).position()
                + clock.freshnessOf(List.of(ProjectionNames.VIEWS)).position();
        if (position == seenPosition) {
            return;
        }
        seenPosition = position;
        InsightQueries.OverviewResponse overview = current();
        boolean changed = latest == null
                || !Objects.equals(latest.currencies(), overview.currencies())
                || !Objects.equals(latest.combined(), overview.combined());
        latest = overview;
        if (changed) {
            clients.forEach(client -> client.offer(overview));
        }
        newAlerts().forEach(alert -> clients.forEach(client -> client.alert(alert)));
    }

    /** Alerts raised since the last poll, oldest first (at most a page of them). */
    private List<AlertView> newAlerts() {
        java.time.Instant since = newestAlert;
        List<AlertView> page = queries.query(
                        new FindAlertsQuery(null, null, since, null, 0, Page.MAX_SIZE),
                        ResponseTypes.instanceOf(AlertQueries.AlertPage.class))
                .join()
                .items();
        List<AlertView> fresh = new java.util.ArrayList<>();
        for (AlertView alert : page) {
            java.time.Instant raisedAt = alert.raisedAt();
            if (since == null || raisedAt.isAfter(since)) {
                fresh.add(0, alert);
            }
            if (newestAlert == null || raisedAt.isAfter(newestAlert)) {
                newestAlert = raisedAt;
            }
        }
        // the first poll only learns where the list stands: clients load the open alerts themselves
        boolean first = !alertsKnown;
        alertsKnown = true;
        return first ? List.of() : fresh;
    }

    private InsightQueries.OverviewResponse current() {
        return queries.query(
                        new FindOverviewQuery(null, null, null),
                        ResponseTypes.instanceOf(InsightQueries.OverviewResponse.class))
                .join();
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        senders.shutdownNow();
        clients.forEach(client -> client.emitter.complete());
    }

    private final class Client {

        private final String caller;
        private final SseEmitter emitter;
        private final AtomicReference<Object> pending = new AtomicReference<>();
        /** New alerts not yet sent; a client that falls far behind loses the oldest, never the overview. */
        private final java.util.concurrent.BlockingQueue<Object> alerts =
                new java.util.concurrent.ArrayBlockingQueue<>(100);

        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final AtomicBoolean beat = new AtomicBoolean();

        Client(String caller, SseEmitter emitter) {
            this.caller = caller;
            this.emitter = emitter;
        }

        void heartbeat() {
            beat.set(true);
            schedule();
        }

        void offer(Object overview) {
            pending.set(overview);
            schedule();
        }

        void alert(Object alert) {
            while (!alerts.offer(alert)) {
                alerts.poll();
            }
            schedule();
        }

        private void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                senders.execute(this::drain);
            }
        }

        private void drain() {
            try {
                for (Object next = pending.getAndSet(null); next != null; next = pending.getAndSet(null)) {
                    emitter.send(SseEmitter.event().name("overview").data(next));
                }
                for (Object alert = alerts.poll(); alert != null; alert = alerts.poll()) {
                    emitter.send(SseEmitter.event().name("alert").data(alert));
                }
                if (beat.getAndSet(false)) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                }
            } catch (IOException | IllegalStateException e) {
                log.debug("live stream client gone: {}", e.getMessage());
                release(this);
                try {
                    emitter.completeWithError(e);
                } catch (IllegalStateException notStarted) {
                    // the request's async context is not set up yet (or already gone): nothing left to complete
                    log.debug("live stream client not completed: {}", notStarted.getMessage());
                }
            } finally {
                scheduled.set(false);
                if ((pending.get() != null || !alerts.isEmpty() || beat.get())
                        && clients.contains(this)
                        && scheduled.compareAndSet(false, true)) {
                    senders.execute(this::drain);
                }
            }
        }
    }
}
