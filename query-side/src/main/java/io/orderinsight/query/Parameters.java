package io.orderinsight.query;

import java.util.Arrays;
import java.util.function.Supplier;

/** Turns request parameters into the typed values of queries, refusing bad ones with the parameter's name. */
final class Parameters {

    private Parameters() {}

    /** An id from a path: one that is not a valid id cannot name anything, so it is not found. */
    static <T> T idOr(RuntimeException notFound, Supplier<T> id) {
        try {
            return id.get();
        } catch (IllegalArgumentException e) {
            throw notFound;
        }
    }

    /** An id used as a filter. */
    static <T> T id(String field, Supplier<T> id) {
        try {
            return id.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(field, e.getMessage());
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
