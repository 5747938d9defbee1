package io.orderinsight.projections.support;

import org.bson.Document;

/** Counts and amounts held in read-model documents, where a field never incremented is absent. */
public final class Counts {

    private Counts() {}

    /** The number in {@code field} of {@code document}, zero when it has none. */
    public static long of(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
