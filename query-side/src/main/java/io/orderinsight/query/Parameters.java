package io.orderinsight.query;

import java.util.Arrays;
import java.util.function.Supplier;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

/**
 * Turns request parameters into the typed values of queries, refusing bad ones with the parameter's name, and asks
 * for single views.
 */
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

    /** The one answer to {@code query}, or {@code notFound} when there is none. */
    static <R> R one(QueryGateway queries, Object query, Class<R> type, RuntimeException notFound) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(type))
                .join()
                .orElseThrow(() -> notFound);
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
