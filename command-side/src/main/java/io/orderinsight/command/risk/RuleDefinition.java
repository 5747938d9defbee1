package io.orderinsight.command.risk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fraud rule as operators and analysts see it: its id, what it watches for, and its thresholds with their defaults.
 *
 * @param thresholds each threshold's kind, default and (for choices) allowed words, in a stable order
 */
public record RuleDefinition(String id, String description, Map<String, Threshold> thresholds) {

    public record Threshold(ThresholdKind kind, String defaultValue, List<String> choices) {

        static Threshold of(ThresholdKind kind, String defaultValue) {
            return new Threshold(kind, defaultValue, List.of());
        }

        static Threshold choice(String defaultValue, String... choices) {
            return new Threshold(ThresholdKind.CHOICE, defaultValue, List.of(choices));
        }
    }

    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        thresholds.forEach((name, threshold) -> defaults.put(name, threshold.defaultValue()));
        return defaults;
    }

    /**
     * {@code base} with {@code changes} applied, each change checked; a problem names the threshold and what is
     * wrong with it.
     */
    public Map<String, String> apply(Map<String, String> base, Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        for (Map.Entry<String, String> change : changes.entrySet()) {
            Threshold threshold = thresholds.get(change.getKey());
            if (threshold == null) {
                throw new IllegalArgumentException("rule " + id + " has no threshold '" + change.getKey()
                        + "'; its thresholds are " + thresholds.keySet());
            }
            String problem = threshold.kind().problem(change.getValue(), threshold.choices());
            if (problem != null) {
                throw new IllegalArgumentException("threshold '" + change.getKey() + "' of rule " + id + " " + problem
                        + ", was '" + change.getValue() + "'");
            }
            merged.put(change.getKey(), change.getValue().trim());
        }
        return merged;
    }
}
