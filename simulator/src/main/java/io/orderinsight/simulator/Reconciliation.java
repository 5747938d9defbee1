package io.orderinsight.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The system's figures against the simulator's ledger: insight's sales per currency and the funnel (as the change
 * since the run began), each seller's KPIs, and the alerts raised on this run's customers, orders, payments and
 * sellers against those the injected patterns must raise (recall and precision per rule).
 */
final class Reconciliation {

    /** Insight's sales per currency and the funnel, all time. */
    record Snapshot(Map<String, long[]> figures, long[] funnel) {

        static Snapshot take(Traffic traffic) {
            Map<String, long[]> figures = new TreeMap<>();
            for (JsonNode bucket :
                    traffic.get("/api/v1/insights/sales?granularity=DAY").path("items")) {
                long[] values = figures.computeIfAbsent(
                        bucket.path("currency").asText(), currency -> new long[Ledger.FIGURES.size()]);
                for (int i = 0; i < Ledger.FIGURES.size(); i++) {
                    values[i] +=
                            bucket.path("figures").path(Ledger.FIGURES.get(i)).asLong();
                }
            }
            JsonNode funnel = traffic.get("/api/v1/insights/funnel");
            long[] stages = new long[Ledger.FUNNEL.size()];
            for (int i = 0; i < stages.length; i++) {
                stages[i] = funnel.path(Ledger.FUNNEL.get(i)).asLong();
            }
            return new Snapshot(figures, stages);
        }

        boolean sameAs(Snapshot other) {
            if (!java.util.Arrays.equals(funnel, other.funnel)
                    || !figures.keySet().equals(other.figures.keySet())) {
                return false;
            }
            return figures.entrySet().stream()
                    .allMatch(entry -> java.util.Arrays.equals(entry.getValue(), other.figures.get(entry.getKey())));
        }
    }

    /** The alerts raised on subjects of this run: rule → subjects. */
    static Map<String, Set<String>> raised(Traffic traffic, String tag, String since) {
        Map<String, Set<String>> raised = new TreeMap<>();
        for (int page = 0; ; page++) {
            JsonNode items = traffic.get("/api/v1/alerts?size=200&page=" + page + "&from=" + since)
                    .path("items");
            for (JsonNode alert : items) {
                String subject = alert.path("subjectId").asText();
                if (subject.startsWith(tag + "-")) {
                    raised.computeIfAbsent(alert.path("ruleId").asText(), rule -> new TreeSet<>())
                            .add(subject);
                }
            }
            if (items.size() < 200) {
                return raised;
            }
        }
    }

    /** Compares; prints the report; true when every figure matches and every injected pattern was caught. */
    static boolean report(
            Ledger ledger,
            Snapshot before,
            Snapshot after,
            Traffic traffic,
            String tag,
            String since,
            PrintStream out) {
        List<String> mismatches = new ArrayList<>();
        out.println();
        out.println("Reconciliation against the simulator's ledger");
        out.printf(Locale.ROOT, "%-6s %-16s %14s %14s%n", "", "figure", "ledger", "system");
        Map<String, long[]> expected = ledger.figures();
        for (Map.Entry<String, long[]> currency : expected.entrySet()) {
            long[] then = before.figures().getOrDefault(currency.getKey(), new long[Ledger.FIGURES.size()]);
            long[] now = after.figures().getOrDefault(currency.getKey(), new long[Ledger.FIGURES.size()]);
            for (int i = 0; i < Ledger.FIGURES.size(); i++) {
                long system = now[i] - then[i];
                long booked = currency.getValue()[i];
                String mark = system == booked ? "" : "  MISMATCH";
                out.printf(
                        Locale.ROOT,
                        "%-6s %-16s %,14d %,14d%s%n",
                        currency.getKey(),
                        Ledger.FIGURES.get(i),
                        booked,
                        system,
                        mark);
                if (system != booked) {
                    mismatches.add(currency.getKey() + " " + Ledger.FIGURES.get(i));
                }
            }
        }
        long[] funnel = ledger.funnel();
        for (int i = 0; i < funnel.length; i++) {
            long system = after.funnel()[i] - before.funnel()[i];
            out.printf(
                    Locale.ROOT,
                    "%-6s %-16s %,14d %,14d%s%n",
                    "funnel",
                    Ledger.FUNNEL.get(i),
                    funnel[i],
                    system,
                    system == funnel[i] ? "" : "  MISMATCH");
            if (system != funnel[i]) {
                mismatches.add("funnel " + Ledger.FUNNEL.get(i));
            }
        }
        Map<String, Map<String, long[]>> sellers = ledger.sellers();
        int sellerMismatches = 0;
        for (Map.Entry<String, Map<String, long[]>> seller : sellers.entrySet()) {
            JsonNode kpis =
                    traffic.get("/api/v1/insights/sellers/" + seller.getKey()).path("currencies");
            for (Map.Entry<String, long[]> currency : seller.getValue().entrySet()) {
                JsonNode system = kpis.path(currency.getKey());
                for (int i = 0; i < Ledger.SELLER.size(); i++) {
                    long value = system.path(Ledger.SELLER.get(i)).asLong();
                    if (value != currency.getValue()[i]) {
                        if (sellerMismatches++ < 10) {
                            out.printf(
                                    Locale.ROOT,
                                    "seller %s %s %s: ledger %,d, system %,d  MISMATCH%n",
                                    seller.getKey(),
                                    currency.getKey(),
                                    Ledger.SELLER.get(i),
                                    currency.getValue()[i],
                                    value);
                        }
                        mismatches.add("seller " + seller.getKey());
                    }
                }
            }
        }
        out.printf(
                Locale.ROOT,
                "sellers: %,d, %s%n",
                sellers.size(),
                sellerMismatches == 0 ? "every KPI equal" : sellerMismatches + " KPIs differ");

        Map<String, Set<String>> injected = ledger.expectedAlerts();
        Map<String, Set<String>> raised = raised(traffic, tag, since);
        Set<String> rules = new TreeSet<>(injected.keySet());
        rules.addAll(raised.keySet());
        out.println();
        out.printf(
                Locale.ROOT,
                "%-26s %9s %7s %7s %7s %10s%n",
                "rule",
                "injected",
                "raised",
                "caught",
                "recall",
                "precision");
        for (String rule : rules) {
            Set<String> want = injected.getOrDefault(rule, Set.of());
            Set<String> got = raised.getOrDefault(rule, Set.of());
            Set<String> caught = new TreeSet<>(want);
            caught.retainAll(got);
            out.printf(
                    Locale.ROOT,
                    "%-26s %9d %7d %7d %7s %10s%n",
                    rule,
                    want.size(),
                    got.size(),
                    caught.size(),
                    want.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f", (double) caught.size() / want.size()),
                    got.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f", (double) caught.size() / got.size()));
            if (caught.size() < want.size()) {
                Set<String> missed = new TreeSet<>(want);
                missed.removeAll(got);
                mismatches.add("missed " + rule + " " + missed);
            }
        }
        out.println();
        out.printf(Locale.ROOT, "commands sent %,d, rejected %,d%n", ledger.commands(), ledger.rejected());
        ledger.rejections().forEach(rejection -> out.println("  rejected: " + rejection));
        if (mismatches.isEmpty()) {
            out.println("RECONCILED: every figure equals the ledger and every injected pattern raised its alert");
            return true;
        }
        out.println("NOT RECONCILED: " + mismatches.subList(0, Math.min(20, mismatches.size())));
        return false;
    }

    private Reconciliation() {}
}
