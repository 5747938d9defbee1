package io.orderinsight.infra.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.SagaMethodMessageHandlingMember;
import org.axonframework.modelling.saga.metamodel.SagaModel;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The saga lookups of a whole batch in one query. Axon's saga manager asks the store which sagas each event's
 * association value belongs to, one query per event; under load those round trips were most of the deadline
 * processor's time. This store's {@link #prefetchPerBatch() interceptor}, on the saga's processor, reads at the first
 * event of a batch the sagas of every association value the batch's events carry (one query per association key); the
 * saga manager's lookups of those values are answered from that, empty answers included, and other lookups go to the
 * delegate.
 *
 * <p>The answers are what the delegate would have given during the batch: the saga repository writes a batch's sagas
 * and associations only when the batch commits, and sees the batch's own new and changed sagas itself. A saga ended
 * meanwhile by a deadline in its own transaction is found by id as before, and skipped when it is gone.
 */
public final class BatchedSagaLookups<T> implements SagaStore<T> {

    private final SagaStore<T> delegate;
    private final JdbcTemplate jdbc;
    private final SagaSchema schema;
    private final Class<?> sagaType;
    private final String sagaTypeName;
    private final SagaModel<?> model;
    private final String resource;
    private final Counter fromBatch;
    private final Counter fromStore;

    /**
     * @param sagaType the saga whose processor this intercepts; lookups of other types go to the delegate
     * @param sagaTypeName the type as the store records it
     * @param model the saga's handlers, which name each event's association values
     */
    public BatchedSagaLookups(
            SagaStore<T> delegate,
            JdbcTemplate jdbc,
            SagaSchema schema,
            Class<?> sagaType,
            String sagaTypeName,
            SagaModel<?> model,
            MeterRegistry meters) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.schema = schema;
        this.sagaType = sagaType;
        this.sagaTypeName = sagaTypeName;
        this.model = model;
        this.resource = BatchedSagaLookups.class.getName() + "/" + sagaTypeName;
        this.fromBatch = lookups(meters, "batch");
        this.fromStore = lookups(meters, "store");
    }

    private static Counter lookups(MeterRegistry meters, String answered) {
        return Counter.builder("orderinsight.sagas.lookups")
                .tag("answered", answered)
                .description("saga lookups by association value: from the batch's one query, or one query each")
                .register(meters);
    }

    /**
     * The interceptor to register on the saga's processor alone (not a bean: Spring would register a bean
     * interceptor on every processor).
     */
    public MessageHandlerInterceptor<EventMessage<?>> prefetchPerBatch() {
        return this::prefetch;
    }

    private Object prefetch(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isFirstMessage()) {
            unitOfWork.root().resources().put(resource, sagasOf(batch.getMessages()));
        }
        return chain.proceed();
    }

    /** The sagas of every association value the events carry, an empty set for those with none. */
    private Map<AssociationValue, Set<String>> sagasOf(List<?> events) {
        Map<String, Set<String>> valuesByKey = new HashMap<>();
        for (Object message : events) {
            EventMessage<?> event = (EventMessage<?>) message;
            for (var handler : model.findHandlerMethods(event)) {
                handler.unwrap(SagaMethodMessageHandlingMember.class)
                        .map(saga -> saga.getAssociationValue(event))
                        .ifPresent(value -> valuesByKey
                                .computeIfAbsent(value.getKey(), key -> new TreeSet<>())
                                .add(value.getValue()));
            }
        }
        Map<AssociationValue, Set<String>> sagas = new HashMap<>();
        valuesByKey.forEach((key, values) -> {
            values.forEach(value -> sagas.put(new AssociationValue(key, value), new TreeSet<>()));
            jdbc.query(
                    "SELECT " + schema.associationValueColumn() + ", " + schema.sagaIdColumn() + " FROM "
                            + schema.associationValueEntryTable() + " WHERE " + schema.sagaTypeColumn() + " = ? AND "
                            + schema.associationKeyColumn() + " = ? AND " + schema.associationValueColumn()
                            + " = ANY (?)",
                    row -> {
                        sagas.get(new AssociationValue(key, row.getString(1))).add(row.getString(2));
                    },
                    sagaTypeName,
                    key,
                    values.toArray(String[]::new));
        });
        return sagas;
    }

    @Override
    public Set<String> findSagas(Class<? extends T> type, AssociationValue associationValue) {
        if (type == sagaType && CurrentUnitOfWork.isStarted()) {
            Map<AssociationValue, Set<String>> batch =
                    CurrentUnitOfWork.get().root().getResource(resource);
            Set<String> known = batch == null ? null : batch.get(associationValue);
            if (known != null) {
                fromBatch.increment();
                return new TreeSet<>(known);
            }
        }
        fromStore.increment();
        return delegate.findSagas(type, associationValue);
    }

    @Override
    public <S extends T> Entry<S> loadSaga(Class<S> type, String sagaIdentifier) {
        return delegate.loadSaga(type, sagaIdentifier);
    }

    @Override
    public void deleteSaga(Class<? extends T> type, String sagaIdentifier, Set<AssociationValue> associationValues) {
        delegate.deleteSaga(type, sagaIdentifier, associationValues);
    }

    @Override
    public void insertSaga(
            Class<? extends T> type, String sagaIdentifier, T saga, Set<AssociationValue> associationValues) {
        delegate.insertSaga(type, sagaIdentifier, saga, associationValues);
    }

    @Override
    public void updateSaga(
            Class<? extends T> type, String sagaIdentifier, T saga, AssociationValues associationValues) {
        delegate.updateSaga(type, sagaIdentifier, saga, associationValues);
    }
}
