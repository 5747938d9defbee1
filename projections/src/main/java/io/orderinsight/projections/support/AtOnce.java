package io.orderinsight.projections.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A batch's independent round trips to MongoDB (one read or one {@code bulkWrite} per collection) sent at the same
 * time instead of one after the other. On a busy node each round trip waits for a core twice (the server's worker, then
 * the batch's thread), which under load costs more than the work itself; in parallel a batch pays that wait once per
 * step instead of once per collection. Every call returns only when all of its round trips have ended, so nothing of a
 * batch is still in flight when it fails and is delivered again.
 */
final class AtOnce {

    private static final AtomicInteger THREADS = new AtomicInteger();

    /**
     * Threads that mostly wait on sockets: at most 32, made when needed, gone after 30 s idle; when all are busy the
     * caller runs the work itself.
     */
    private static final ExecutorService ROUND_TRIPS = new ThreadPoolExecutor(
            0,
            32,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            work -> {
                Thread thread = new Thread(work, "write-batch-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());

    private AtOnce() {}

    /** {@code work} done for each of {@code items} at the same time, as {@link #each} does it. */
    static <T> void all(Collection<T> items, Consumer<T> work) {
        each(items, item -> {
            work.accept(item);
            return Boolean.TRUE;
        });
    }

    /**
     * {@code work} applied to each of {@code items} at the same time (the first on the calling thread), in their order.
     * If any failed, its exception is thrown once all have ended (the first one's if several failed).
     */
    static <T, R> Map<T, R> each(Collection<T> items, Function<T, R> work) {
        Map<T, R> results = new LinkedHashMap<>();
        if (items.size() <= 1) {
            items.forEach(item -> results.put(item, work.apply(item)));
            return results;
        }
        List<T> all = new ArrayList<>(items);
        List<CompletableFuture<R>> others = new ArrayList<>();
        for (T item : all.subList(1, all.size())) {
            others.add(CompletableFuture.supplyAsync(() -> work.apply(item), ROUND_TRIPS));
        }
        RuntimeException failed = null;
        R first = null;
        try {
            first = work.apply(all.get(0));
        } catch (RuntimeException e) {
            failed = e;
        }
        results.put(all.get(0), first);
        for (int i = 0; i < others.size(); i++) {
            try {
                results.put(all.get(i + 1), others.get(i).join());
            } catch (CompletionException e) {
                if (failed == null) {
                    failed = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return results;
    }
}
