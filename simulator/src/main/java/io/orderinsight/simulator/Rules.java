package io.orderinsight.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fraud rules as the system runs them ({@code GET /api/v1/risk/rules}): which are on, and their thresholds. */
final class Rules {

    static final String UNPAID_ORDER = "unpaid-order";
    static final String STALE_AUTHORIZATION = "stale-authorization";
    static final String AMOUNT_MISMATCH = "amount-mismatch";
    static final String DUPLICATE_CAPTURE = "duplicate-capture";
    static final String REFUND_ABUSE = "refund-abuse";
    static final String CHARGEBACK_AFTER_REFUND = "chargeback-after-refund";
    static final String CARD_TESTING = "card-testing";
    static final String SHIPPED_BEFORE_CAPTURE = "shipped-before-capture";
    static final String GEO_MISMATCH = "geo-mismatch";
    static final String MERCHANT_DISPUTE_RATIO = "merchant-dispute-ratio";

    static final java.util.List<String> ALL = java.util.List.of(
            UNPAID_ORDER,
            STALE_AUTHORIZATION,
            AMOUNT_MISMATCH,
            DUPLICATE_CAPTURE,
            REFUND_ABUSE,
            CHARGEBACK_AFTER_REFUND,
            CARD_TESTING,
            SHIPPED_BEFORE_CAPTURE,
            GEO_MISMATCH,
            MERCHANT_DISPUTE_RATIO);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Map<String, Boolean> enabled = new HashMap<>();
    private final Map<String, Map<String, String>> thresholds = new HashMap<>();
    private final Duration maxDeadline;

    Rules(JsonNode listing, Duration maxDeadline) {
        this.maxDeadline = maxDeadline;
        for (JsonNode rule : listing.path("items")) {
            String id = rule.path("ruleId").asText();
            enabled.put(id, rule.path("enabled").asBoolean(true));
            Map<String, String> values = new HashMap<>();
            rule.path("thresholds")
                    .fields()
                    .forEachRemaining(
                            field -> values.put(field.getKey(), field.getValue().asText()));
            thresholds.put(id, values);
        }
    }

    boolean enabled(String rule) {
        return enabled.getOrDefault(rule, false);
    }

    /** A deadline rule is injected only when its deadline passes within the run's patience. */
    boolean deadlineInjected(String rule) {
        return enabled(rule) && duration(rule, "after").compareTo(maxDeadline) <= 0;
    }

    Duration duration(String rule, String name) {
        String value = threshold(rule, name).trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        return Duration.parse(value.toUpperCase(Locale.ROOT));
    }

    long count(String rule, String name) {
        return Long.parseLong(threshold(rule, name).trim());
    }

    /** An amount in minor units of the reporting currency (USD here). */
    long amount(String rule, String name) {
        return new BigDecimal(threshold(rule, name).trim()).movePointRight(2).longValueExact();
    }

    /** The longest deadline of the injected deadline rules. */
    Duration longestDeadline() {
        Duration longest = Duration.ZERO;
        for (String rule : new String[] {UNPAID_ORDER, STALE_AUTHORIZATION}) {
            if (deadlineInjected(rule) && duration(rule, "after").compareTo(longest) > 0) {
                longest = duration(rule, "after");
            }
        }
        return longest;
    }

    private String threshold(String rule, String name) {
        String value = thresholds.getOrDefault(rule, Map.of()).get(name);
        if (value == null) {
            throw new IllegalStateException("rule " + rule + " has no threshold " + name);
        }
        return value;
    }
}
