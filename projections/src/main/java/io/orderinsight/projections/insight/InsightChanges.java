package io.orderinsight.projections.insight;

import com.mongodb.client.MongoCollection;
import io.orderinsight.projections.support.CounterChanges;
import io.orderinsight.projections.support.StreamPosition;
import io.orderinsight.projections.support.WriteBatch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

/**
 * One event's changes to insight, made by each of its concerns in turn: counter changes and documents kept whole (the
 * order's, the loss ledger's lines). Handed to the batch together once every concern is done, so an event is applied
 * whole or, when one of them fails, not at all.
 */
final class InsightChanges {

    final CounterChanges counters = new CounterChanges();
    private final InsightProjection insight;
    private final Map<MongoCollection<Document>, Map<String, Document>> documents = new LinkedHashMap<>();

    InsightChanges(InsightProjection insight) {
        this.insight = insight;
    }

    /** The order's document as this event has left it so far. */
    Document order(String orderId) {
        Document changed = changed(insight.orders, orderId);
        return changed != null ? changed : insight.order(orderId);
    }

    /** The order's document as this event found it or has changed it; null for an order not placed yet. */
    Document orderIfPlaced(String orderId) {
        Document changed = changed(insight.orders, orderId);
        return changed != null ? changed : insight.orderIfPlaced(orderId);
    }

    /** A document of {@code collection} this event writes whole. */
    void put(MongoCollection<Document> collection, String id, Document document) {
        documents.computeIfAbsent(collection, written -> new LinkedHashMap<>()).put(id, document);
    }

    /** The changes into the batch, as the event at {@code position}'s. */
    void into(WriteBatch batch, EventMessage<?> event, StreamPosition position) {
        counters.into(batch, event, position);
        documents.forEach((collection, byId) -> byId.forEach((id, document) -> batch.put(collection, id, document)));
    }

    private Document changed(MongoCollection<Document> collection, String id) {
        Map<String, Document> byId = documents.get(collection);
        return byId == null ? null : byId.get(id);
    }
}
