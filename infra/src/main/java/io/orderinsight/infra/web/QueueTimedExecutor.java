package io.orderinsight.infra.web;

import java.util.concurrent.TimeUnit;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;

/**
 * The web server's request threads, as Tomcat makes them (a thread per request up to the maximum, then a queue), that
 * also note how long each request waited in that queue for a thread: {@link AdmissionFilter} counts the wait against
 * {@code orderinsight.http.admission-wait}. Without it, a request beyond the threads' number waited in the queue for as
 * long as it took, unseen, and overload showed as answers seconds late instead of 429 {@code OVERLOADED}.
 */
final class QueueTimedExecutor extends ThreadPoolExecutor {

    private static final ThreadLocal<Long> QUEUED_NANOS = new ThreadLocal<>();

    QueueTimedExecutor(int minSpareThreads, int maxThreads, String namePrefix) {
        super(
                minSpareThreads,
                maxThreads,
                60,
                TimeUnit.SECONDS,
                new TaskQueue(),
                new TaskThreadFactory(namePrefix, true, Thread.NORM_PRIORITY));
        ((TaskQueue) getQueue()).setParent(this);
    }

    /** How long the work running on this thread waited in the queue for it; 0 outside such work. */
    static long queuedNanos() {
        Long queued = QUEUED_NANOS.get();
        return queued == null ? 0 : queued;
    }

    @Override
    public void execute(Runnable work) {
        long queuedAt = System.nanoTime();
        super.execute(() -> {
            QUEUED_NANOS.set(System.nanoTime() - queuedAt);
            try {
                work.run();
            } finally {
                QUEUED_NANOS.remove();
            }
        });
    }
}
