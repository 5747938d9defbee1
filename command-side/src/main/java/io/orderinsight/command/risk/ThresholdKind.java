package io.orderinsight.command.risk;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;

/** The kinds of value a rule threshold can take, each with the one way it is written and checked. */
public enum ThresholdKind {
    /** A duration such as {@code 30m}, {@code 7d} or {@code PT1H}. */
    DURATION,
    /** A whole number of at least 1. */
    COUNT,
    /** A share between 0 (exclusive) and 1, e.g. {@code 0.015}. */
    RATIO,
    /** An amount in major units of the reporting currency, e.g. {@code 500.00}. */
    AMOUNT,
    /** One of a fixed set of words. */
    CHOICE;

    /** Why {@code value} is not a valid threshold of this kind, or null when it is. */
    String problem(String value, List<String> choices) {
        if (value == null || value.isBlank()) {
            return "must not be empty";
        }
        try {
            return switch (this) {
                case DURATION -> {
                    Duration duration = DurationStyle.detectAndParse(value.trim());
                    yield duration.isNegative() || duration.isZero() ? "must be a positive duration" : null;
                }
                case COUNT -> Long.parseLong(value.trim()) < 1 ? "must be a whole number of at least 1" : null;
                case RATIO -> {
                    BigDecimal ratio = new BigDecimal(value.trim());
                    yield ratio.signum() <= 0 || ratio.compareTo(BigDecimal.ONE) > 0
                            ? "must be a share above 0 and at most 1"
                            : null;
                }
                case AMOUNT -> new BigDecimal(value.trim()).signum() < 0 ? "must not be negative" : null;
                case CHOICE -> choices.contains(value.trim()) ? null : "must be one of " + choices;
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return switch (this) {
                case DURATION -> "must be a duration such as 30m, 7d or PT1H";
                case COUNT -> "must be a whole number";
                case RATIO -> "must be a decimal share such as 0.015";
                case AMOUNT -> "must be a decimal amount such as 500.00";
                case CHOICE -> "must be one of " + choices;
            };
        }
    }
}
