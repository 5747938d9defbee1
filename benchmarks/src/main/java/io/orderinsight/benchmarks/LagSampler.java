package io.orderinsight.benchmarks;

import io.orderinsight.infra.axon.ProcessorLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Samples the lag of every processor of the node ({@link ProcessorLag}: how long the oldest event it has not handled
 * yet has been waiting) once a second while a load runs, then how long after the load stops
 * every processor is back under {@link #SETTLED_MS}.
 */
final class LagSampler implements AutoCloseable {

    static final long SETTLED_MS = 100;
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(180);
    /** Every how many samples the furthest-behind processors are printed, for a run's progress. */
    private static final int PROGRESS_EVERY = 5;

    private static final int PROGRESS_SHOWN = 3;

    /** A lag above this that is four times the processor's previous sample is printed with where it stood. */
    private static final long OUTLIER_MS = 5_000;

    private final ProcessorLag lag;
    private final Map<String, List<Long>> samples = new TreeMap<>();
    private final Map<String, Integer> unknown = new TreeMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    /**
     * The lag of each processor over a load: p99 and most while it ran, over the samples that knew its position; {@code
     * unknown} counts those that did not (a segment between claims has none, and its lag would read as the age of the
     * whole store).
     */
    record Figures(String processor, long p99Ms, long maxMs, int samples, int unknown) {}

    record Result(List<Figures> processors, double settleSeconds, boolean settled) {

        long worstP99() {
            return processors.stream().mapToLong(Figures::p99Ms).max().orElse(0);
        }

        String table() {
            StringBuilder table =
                    new StringBuilder("| processor | lag p99 ms | lag max ms | samples | position unknown |\n"
                            + "|---|---|---|---|---|\n");
            for (Figures figures : processors) {
                table.append(String.format(
                        Locale.ROOT,
                        "| %s | %,d | %,d | %d | %d |%n",
                        figures.processor(),
                        figures.p99Ms(),
                        figures.maxMs(),
                        figures.samples(),
                        figures.unknown()));
            }
            return table.toString();
        }
    }

    /**
     * Starts sampling once every processor is under {@link #SETTLED_MS} (what earlier loads left behind is not this
     * load's lag).
     */
    LagSampler(ProcessorLag lag) throws InterruptedException {
        this.lag = lag;
        if (!awaitSettled(lag, System.nanoTime())) {
            // the load starts anyway; its first samples then include what the loads before it left behind
            System.out.println("    not settled within " + SETTLE_LIMIT.toSeconds() + " s before the load: "
                    + furthest(lag.measure()));
        }
        this.sampler = new Thread(this::sample, "lag-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        for (int tick = 1; running; tick++) {
            long began = System.nanoTime();
            List<ProcessorLag.Lag> measured = lag.measure();
            if (tick % PROGRESS_EVERY == 0) {
                System.out.println("    lag at " + tick + " s: " + furthest(measured));
            }
            for (ProcessorLag.Lag processor : measured) {
                synchronized (samples) {
                    List<Long> known = samples.computeIfAbsent(processor.name(), name -> new ArrayList<>());
                    long previous = known.isEmpty() ? 0 : known.get(known.size() - 1);
                    if (processor.lagMs() > OUTLIER_MS && processor.lagMs() > 4 * previous) {
                        // a jump no backlog explains: say where the processor stood, to tell a real one from a reading
                        System.out.printf(
                                Locale.ROOT,
                                "    lag jump at %d s: %s %,d ms (%s), %,d events behind, at %,d, %d segments, %s%n",
                                tick,
                                processor.name(),
                                processor.lagMs(),
                                known.isEmpty()
                                        ? "its first sample"
                                        : String.format(Locale.ROOT, "previous sample %,d ms", previous),
                                processor.behind(),
                                processor.position(),
                                processor.segments(),
                                processor.status());
                    }
                    if (processor.position() < 0) {
                        unknown.merge(processor.name(), 1, Integer::sum);
                    } else {
                        known.add(processor.lagMs());
                    }
                }
            }
            long rest = PERIOD.toNanos() - (System.nanoTime() - began);
            if (rest > 0) {
                try {
                    Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Stops sampling (the load has stopped) and waits until every processor is under {@link #SETTLED_MS}. */
    Result settle() throws InterruptedException {
        close();
        long stopped = System.nanoTime();
        boolean settled = awaitSettled(lag, stopped);
        double seconds = (System.nanoTime() - stopped) / 1e9;
        List<Figures> figures = new ArrayList<>();
        synchronized (samples) {
            samples.forEach((name, values) -> {
                List<Long> sorted = new ArrayList<>(values);
                sorted.sort(null);
                int rank = Math.max(0, (int) Math.ceil(0.99 * sorted.size()) - 1);
                int missing = unknown.getOrDefault(name, 0);
                figures.add(
                        sorted.isEmpty()
                                ? new Figures(name, 0, 0, 0, missing)
                                : new Figures(
                                        name, sorted.get(rank), sorted.get(sorted.size() - 1), sorted.size(), missing));
            });
        }
        return new Result(figures, seconds, settled);
    }

    /** The processors furthest behind, with their lag and how many events they have to go. */
    private static String furthest(List<ProcessorLag.Lag> measured) {
        return measured.stream()
                .sorted(Comparator.comparingLong(ProcessorLag.Lag::lagMs).reversed())
                .limit(PROGRESS_SHOWN)
                .map(processor -> String.format(
                        Locale.ROOT, "%s %,d ms (%,d events)", processor.name(), processor.lagMs(), processor.behind()))
                .collect(Collectors.joining(", "));
    }

    private static boolean awaitSettled(ProcessorLag lag, long since) throws InterruptedException {
        while (System.nanoTime() - since < SETTLE_LIMIT.toNanos()) {
            if (lag.measure().stream().allMatch(processor -> processor.lagMs() < SETTLED_MS)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }
}
