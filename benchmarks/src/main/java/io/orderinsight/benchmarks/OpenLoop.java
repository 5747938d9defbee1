package io.orderinsight.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load: calls scheduled at a fixed rate whatever the answers take, each call's latency counted from the time
 * it was scheduled to be sent, not from when a caller got round to sending it — so a slow answer delays the calls
 * behind it and they count that wait (no coordinated omission). Calls run on many lanes: a lane's calls run one after
 * the other, in the order scheduled; calls {@code k} of one chain ({@code chain} consecutive calls, e.g. place → pay →
 * capture of one order) share a lane, and chains go round the lanes. A lane that falls behind queues its calls and
 * their latency grows, as a real client's would.
 */
final class OpenLoop {

    /** One call; {@code sequence} counts the lane's calls from 0. Returns the HTTP status, or 0 on a failure to send. */
    @FunctionalInterface
    interface Call {
        int run(int lane, long sequence) throws Exception;
    }

    /**
     * What an open-loop run did: calls scheduled and answered, how they were answered, and the latency of all of them
     * and of the accepted ones, from their scheduled send time.
     */
    record Result(
            String name,
            double rate,
            long scheduled,
            long answered,
            long accepted,
            long overloaded,
            long failed,
            double seconds,
            Histogram allMicros,
            Histogram acceptedMicros) {

        double millis(Histogram histogram, double percentile) {
            return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%s at %,.0f/s: %,d scheduled, %,d answered (%,d accepted, %,d 429, %,d other), accepted p50 %.1f"
                            + " ms p99 %.1f ms, all p99 %.1f ms",
                    name,
                    rate,
                    scheduled,
                    answered,
                    accepted,
                    overloaded,
                    failed,
                    millis(acceptedMicros, 50),
                    millis(acceptedMicros, 99),
                    millis(allMicros, 99));
        }
    }

    /** One independent call started without waiting for any other; completes with its HTTP status. */
    @FunctionalInterface
    interface AsyncCall {
        CompletableFuture<Integer> start(long number);
    }

    private OpenLoop() {}

    /**
     * Independent calls at a fixed rate with up to {@code inFlight} in flight (2,000: ten times the request threads of
     * the node: what the node cannot take shows as its refusals and its latency, not as a queue in the driver. (Without
     * a bound, each call in flight holds a connection at both ends in this one process; a run at 775 calls/s used up
     * its 20,000 file descriptors and took the in-process Kafka broker down.)
     */
    static Result independent(String name, double rate, double seconds, int most, AsyncCall call)
            throws InterruptedException {
        System.out.printf(
                Locale.ROOT,
                "  %s: open loop at %,.0f calls/s for %.0f s, up to %,d in flight%n",
                name,
                rate,
                seconds,
                most);
        Semaphore inFlight = new Semaphore(most);
        Tally tally = new Tally();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        long interval = Math.round(1e9 / rate);
        long began = System.nanoTime();
        long end = began + (long) (seconds * 1e9);
        long scheduled = 0;
        long late = 0;
        for (long at = began; at < end; at = began + scheduled * interval) {
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long sentAt = at;
            if (!inFlight.tryAcquire()) {
                late++;
                inFlight.acquire();
            }
            calls.add(call.start(scheduled).handle((status, failure) -> {
                inFlight.release();
                tally.answered(sentAt, failure == null ? status : 0);
                return null;
            }));
            scheduled++;
        }
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("    not every call was answered within a minute: " + e);
        }
        if (late > 0) {
            // the node answered too slowly for the rate: the calls behind waited for a slot here, and their latency
            // (from the scheduled send time) counts that wait
            System.out.printf(
                    Locale.ROOT,
                    "    %,d of %,d calls waited for one of the %,d slots in flight%n",
                    late,
                    scheduled,
                    most);
        }
        return tally.result(name, rate, scheduled, began);
    }

    static Result run(String name, double rate, double seconds, int lanes, int chain, Call call)
            throws InterruptedException {
        System.out.printf(
                Locale.ROOT, "  %s: open loop at %,.0f calls/s for %.0f s on %d lanes%n", name, rate, seconds, lanes);
        Tally tally = new Tally();
        List<BlockingQueue<Long>> queues = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long stop = Long.MIN_VALUE;
        for (int lane = 0; lane < lanes; lane++) {
            BlockingQueue<Long> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            int id = lane;
            Thread thread = new Thread(
                    () -> {
                        long sequence = 0;
                        while (true) {
                            Long scheduled;
                            try {
                                scheduled = queue.take();
                            } catch (InterruptedException e) {
                                return;
                            }
                            if (scheduled == stop) {
                                return;
                            }
                            int status;
                            try {
                                status = call.run(id, sequence++);
                            } catch (Exception e) {
                                status = 0;
                            }
                            tally.answered(scheduled, status);
                        }
                    },
                    name + "-lane-" + lane);
            threads.add(thread);
            thread.start();
        }
        long interval = Math.round(1e9 / rate);
        long began = System.nanoTime();
        long end = began + (long) (seconds * 1e9);
        long scheduled = 0;
        for (long at = began; at < end; at = began + scheduled * interval) {
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            queues.get((int) ((scheduled / chain) % lanes)).add(at);
            scheduled++;
        }
        for (BlockingQueue<Long> queue : queues) {
            queue.add(stop);
        }
        // the calls already scheduled are still answered and counted, for at most a minute more
        long patience = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(patience - System.nanoTime())));
            thread.interrupt();
        }
        return tally.result(name, rate, scheduled, began);
    }

    /** The answers of one run as they come: how each was answered and its latency from its scheduled send time. */
    private static final class Tally {
        private final Recorder all = new Recorder(3);
        private final Recorder accepted = new Recorder(3);
        private final AtomicLong answered = new AtomicLong();
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong overloaded = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();

        /** A call scheduled at {@code scheduledNanos} answered with {@code status} (0: not sent or no answer). */
        void answered(long scheduledNanos, int status) {
            long micros = Math.max(1, (System.nanoTime() - scheduledNanos) / 1000);
            all.recordValue(micros);
            answered.incrementAndGet();
            if (status == 200 || status == 201) {
                ok.incrementAndGet();
                accepted.recordValue(micros);
            } else if (status == 429) {
                overloaded.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        }

        Result result(String name, double rate, long scheduled, long began) {
            Result result = new Result(
                    name,
                    rate,
                    scheduled,
                    answered.get(),
                    ok.get(),
                    overloaded.get(),
                    failed.get(),
                    (System.nanoTime() - began) / 1e9,
                    all.getIntervalHistogram(),
                    accepted.getIntervalHistogram());
            System.out.println("    " + result.describe());
            return result;
        }
    }
}
