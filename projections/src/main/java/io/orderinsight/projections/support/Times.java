package io.orderinsight.projections.support;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** Times held in read-model documents (as BSON dates), where a time not reached yet is absent. */
public final class Times {

    private Times() {}

    /** The time in {@code field} of {@code document}, null when it has none. */
    public static Instant of(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
