package io.orderinsight.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** BENCHMARKS.md keeps one section per benchmark between markers; a run rewrites its own section only. */
final class Reports {

    private Reports() {}

    static void replaceSection(Path report, String name, String content) throws IOException {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        String block = begin + "\n" + content.strip() + "\n" + end;
        String text = Files.exists(report)
                ? Files.readString(report)
                : "# Benchmarks\n\nFigures measured on this project's machines; each section says how it was produced."
                        + "\n";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        text = from >= 0 && to > from
                ? text.substring(0, from) + block + text.substring(to + end.length())
                : text.stripTrailing() + "\n\n" + block + "\n";
        Files.writeString(report, text);
    }

    static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean bean
                ? bean.getTotalMemorySize() / (1024L * 1024 * 1024)
                : -1;
        return "%d cores, %d GiB, %s %s, Java %s"
                .formatted(
                        Runtime.getRuntime().availableProcessors(),
                        memory,
                        System.getProperty("os.name"),
                        System.getProperty("os.arch"),
                        System.getProperty("java.version"));
    }
}
