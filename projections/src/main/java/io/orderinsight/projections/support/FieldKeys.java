package io.orderinsight.projections.support;

/**
 * Values used as one segment of a field path (an id keying a map entry, a category): MongoDB reads {@code .} as a path
 * separator and a leading {@code $} as an operator, so both are escaped, and {@code %} with them.
 */
public final class FieldKeys {

    private FieldKeys() {}

    public static String encode(String value) {
        return value.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    public static String decode(String key) {
        return key.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }
}
