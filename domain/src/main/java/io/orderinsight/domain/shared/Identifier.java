package io.orderinsight.domain.shared;

import java.util.regex.Pattern;

/**
 * A caller-chosen identifier: 1–64 characters of {@code [A-Za-z0-9._:-]}. Implementations are single-value records
 * whose {@code toString()} is the raw value, because Axon routes commands by {@code toString()}.
 */
public interface Identifier {

    Pattern PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    String value();

    static String requireValid(String value, String kind) {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " must be 1-64 characters of [A-Za-z0-9._:-], was: " + value);
        }
        return value;
    }
}
