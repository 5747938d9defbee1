package io.orderinsight.projections.support;

import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * {@link VersionedDocuments} whose documents are records of type {@code R}, each read by {@code reading} and written
 * by {@code writing}: a view's handlers make and change records, mapped to documents in one place.
 */
public final class VersionedRecords<R> {

    private final VersionedDocuments documents;
    private final Function<Document, R> reading;
    private final Function<R, Document> writing;

    public VersionedRecords(
            VersionedDocuments documents, Function<Document, R> reading, Function<R, Document> writing) {
        this.documents = documents;
        this.reading = reading;
        this.writing = writing;
    }

    /** The first event of an aggregate: creates its record, or does nothing if it exists. */
    public void create(String id, R record) {
        documents.create(id, writing.apply(record));
    }

    /** A later event: replaces the record by {@code change} of it, unless it has already seen event {@code sequence}. */
    public void apply(String id, long sequence, UnaryOperator<R> change) {
        documents.apply(id, sequence, current -> writing.apply(change.apply(reading.apply(current))));
    }
}
