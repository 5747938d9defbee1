package io.orderinsight.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Runs {@code clients} closed-loop callers for a fixed time and records the latency of every call. */
final class LoadDriver {

    /** One caller's next operation; {@code sequence} counts that caller's calls from 0. Returns false on failure. */
    @FunctionalInterface
    interface Operation {
        boolean run(int client, long sequence) throws Exception;
    }

    private LoadDriver() {}

    static LoadResult run(String name, int clients, double seconds, Operation operation) throws InterruptedException {
        System.out.printf("  %s: %d clients for %.0f s%n", name, clients, seconds);
        Recorder recorder = new Recorder(3);
        AtomicLong operations = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int id = client;
            Thread thread = new Thread(
                    () -> {
                        try {
                            start.await();
                            for (long sequence = 0; System.nanoTime() < deadline[0]; sequence++) {
                                long began = System.nanoTime();
                                boolean ok = operation.run(id, sequence);
                                recorder.recordValue(Math.max(1, (System.nanoTime() - began) / 1000));
                                operations.incrementAndGet();
                                if (!ok) {
                                    failures.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            throw new IllegalStateException("client " + id + " of " + name + " failed", e);
                        }
                    },
                    name + "-client-" + client);
            threads.add(thread);
            thread.start();
        }
        long began = System.nanoTime();
        deadline[0] = began + (long) (seconds * 1e9);
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        Histogram histogram = recorder.getIntervalHistogram();
        return new LoadResult(name, clients, operations.get(), failures.get(), elapsed, histogram);
    }
}
