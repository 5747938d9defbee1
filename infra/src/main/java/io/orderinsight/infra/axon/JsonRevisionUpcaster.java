package io.orderinsight.infra.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * One step of an event's revisions: its stored JSON payload at revision {@code from} changed in place into revision
 * {@code to}. Stored events are never rewritten: they are read through this.
 */
abstract class JsonRevisionUpcaster extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;
    private final Consumer<ObjectNode> change;

    JsonRevisionUpcaster(Class<?> event, String from, String to, Consumer<ObjectNode> change) {
        this.from = new SimpleSerializedType(event.getName(), from);
        this.to = new SimpleSerializedType(event.getName(), to);
        this.change = change;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return from.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            change.accept((ObjectNode) payload);
            return payload;
        });
    }
}
