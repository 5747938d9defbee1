package io.orderinsight.audit.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.command.order.Order;
import io.orderinsight.command.payment.Payment;
import io.orderinsight.command.refund.Refund;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * An order's case as it stood at a recorded time, or after its first N events in global order: each of its aggregates
 * rebuilt from its stored events, up to that point, by the aggregate's own event-sourcing handlers — the write side's
 * code, not a second implementation. Snapshots are not used: they hold only the newest state.
 */
public class CaseState {

    /**
     * The case at a point of its history.
     *
     * @param eventsApplied how many of the case's events (in global order) the state includes
     * @param order the order aggregate's state; payments and refunds by id
     */
    public record View(
            String orderId,
            Instant asOf,
            int eventsApplied,
            int eventsInCase,
            long lastGlobalPosition,
            Instant lastRecordedAt,
            JsonNode order,
            Map<String, JsonNode> payments,
            Map<String, JsonNode> refunds) {}

    private static final Map<String, Class<?>> TYPES =
            Map.of("Order", Order.class, "Payment", Payment.class, "Refund", Refund.class);

    private final CaseHistory history;
    private final EventStore eventStore;
    private final ObjectMapper fields;
    private final ParameterResolverFactory parameters;
    private final SimpleEventBus nowhere = SimpleEventBus.builder().build();
    /** Each aggregate class inspected once: inspection reads every handler by reflection. */
    private final Map<Class<?>, AggregateModel<?>> models = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param fields writes an aggregate's fields, whatever their modifiers (the snapshot serializer's mapper)
     * @param parameters the application's parameter resolvers, which the aggregates' handlers are inspected with
     */
    public CaseState(
            CaseHistory history, EventStore eventStore, ObjectMapper fields, ParameterResolverFactory parameters) {
        this.history = history;
        this.eventStore = eventStore;
        this.fields = fields;
        this.parameters = parameters;
    }

    /** The case as it stood at recorded time {@code asOf}, or after its first {@code version} events. */
    public View of(String orderId, Instant asOf, Integer version) {
        List<CaseEvent> events = history.of(orderId);
        if (events.isEmpty()) {
            throw new CommandRejectedException(RejectionCode.ORDER_NOT_FOUND, "order " + orderId + " not found");
        }
        List<CaseEvent> applied = new ArrayList<>();
        if (version != null) {
            if (version < 1 || version > events.size()) {
                throw CommandRejectedException.invalid(
                        "version", "version must be between 1 and " + events.size() + ", the events of this case");
            }
            applied.addAll(events.subList(0, version));
        } else {
            for (CaseEvent event : events) {
                if (!event.recordedAt().isAfter(asOf)) {
                    applied.add(event);
                }
            }
            if (applied.isEmpty()) {
                throw new CommandRejectedException(
                        RejectionCode.ORDER_NOT_FOUND,
                        "order " + orderId + " did not exist yet at " + asOf + "; it was first recorded at "
                                + events.get(0).recordedAt());
            }
        }
        Map<String, Long> lastSequence = new LinkedHashMap<>();
        Map<String, String> typeOf = new LinkedHashMap<>();
        for (CaseEvent event : applied) {
            lastSequence.put(event.aggregateId(), event.sequence());
            typeOf.put(event.aggregateId(), event.aggregateType());
        }
        JsonNode order = null;
        Map<String, JsonNode> payments = new LinkedHashMap<>();
        Map<String, JsonNode> refunds = new LinkedHashMap<>();
        for (Map.Entry<String, Long> aggregate : lastSequence.entrySet()) {
            String type = typeOf.get(aggregate.getKey());
            JsonNode state = rebuild(TYPES.get(type), aggregate.getKey(), aggregate.getValue());
            switch (type) {
                case "Order" -> order = state;
                case "Payment" -> payments.put(aggregate.getKey(), state);
                default -> refunds.put(aggregate.getKey(), state);
            }
        }
        CaseEvent last = applied.get(applied.size() - 1);
        return new View(
                orderId,
                asOf,
                applied.size(),
                events.size(),
                last.globalPosition(),
                last.recordedAt(),
                order,
                payments,
                refunds);
    }

    private <T> JsonNode rebuild(Class<T> type, String aggregateId, long lastSequence) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        DomainEventStream stored = eventStore.readEvents(aggregateId, 0);
        while (stored.hasNext()) {
            DomainEventMessage<?> event = stored.next();
            if (event.getSequenceNumber() > lastSequence) {
                break;
            }
            events.add(event);
        }
        @SuppressWarnings("unchecked")
        AggregateModel<T> model = (AggregateModel<T>) models.computeIfAbsent(
                type, key -> AnnotatedAggregateMetaModelFactory.inspectAggregate(key, parameters));
        try {
            T root = new GenericAggregateFactory<>(model).createAggregateRoot(aggregateId, events.get(0));
            EventSourcedAggregate<T> aggregate =
                    EventSourcedAggregate.initialize(root, model, nowhere, NoSnapshotTriggerDefinition.TRIGGER);
            aggregate.initializeState(DomainEventStream.of(events));
            return fields.valueToTree(aggregate.getAggregateRoot());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot rebuild " + type.getSimpleName() + " " + aggregateId, e);
        }
    }
}
