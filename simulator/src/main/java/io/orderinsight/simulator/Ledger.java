package io.orderinsight.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the simulator sent and had accepted, and therefore what the system must show: its own books. */
final class Ledger {

    /** The figures of insight's sales, per currency. */
    static final List<String> FIGURES =
            List.of("orders", "gmv", "captured", "refunded", "cancelled", "declines", "paymentAttempts");

    static final List<String> FUNNEL = List.of("placed", "authorized", "captured", "shipped", "delivered");

    static final List<String> SELLER = List.of("orders", "gmv", "captured", "refunded", "disputes", "capturedPayments");

    private final Map<String, long[]> figures = new TreeMap<>();
    private final long[] funnel = new long[FUNNEL.size()];
    private final Map<String, Map<String, long[]>> sellers = new TreeMap<>();
    private final Map<String, Set<String>> expectedAlerts = new TreeMap<>();
    private final List<String> rejections = new ArrayList<>();
    private long commands;
    private long rejected;
    private long orders;

    synchronized void figure(String currency, String name, long amount) {
        figures.computeIfAbsent(currency, key -> new long[FIGURES.size()])[FIGURES.indexOf(name)] += amount;
    }

    synchronized void funnel(String stage) {
        funnel[FUNNEL.indexOf(stage)]++;
    }

    synchronized void seller(String seller, String currency, String name, long amount) {
        sellers.computeIfAbsent(seller, key -> new TreeMap<>())
                .computeIfAbsent(currency, key -> new long[SELLER.size()])[SELLER.indexOf(name)] += amount;
    }

    synchronized void expect(String rule, String subject) {
        expectedAlerts.computeIfAbsent(rule, key -> new TreeSet<>()).add(subject);
    }

    synchronized void sent(boolean accepted, String what) {
        commands++;
        if (!accepted) {
            rejected++;
            if (rejections.size() < 20) {
                rejections.add(what);
            }
        }
    }

    synchronized void orderDone() {
        orders++;
    }

    synchronized long orders() {
        return orders;
    }

    synchronized long commands() {
        return commands;
    }

    synchronized long rejected() {
        return rejected;
    }

    synchronized List<String> rejections() {
        return List.copyOf(rejections);
    }

    synchronized Map<String, long[]> figures() {
        Map<String, long[]> copy = new TreeMap<>();
        figures.forEach((currency, values) -> copy.put(currency, values.clone()));
        return copy;
    }

    synchronized long[] funnel() {
        return funnel.clone();
    }

    synchronized Map<String, Map<String, long[]>> sellers() {
        Map<String, Map<String, long[]>> copy = new TreeMap<>();
        sellers.forEach((seller, currencies) -> {
            Map<String, long[]> values = new TreeMap<>();
            currencies.forEach((currency, figures) -> values.put(currency, figures.clone()));
            copy.put(seller, values);
        });
        return copy;
    }

    synchronized Map<String, Set<String>> expectedAlerts() {
        Map<String, Set<String>> copy = new TreeMap<>();
        expectedAlerts.forEach((rule, subjects) -> copy.put(rule, new TreeSet<>(subjects)));
        return copy;
    }
}
