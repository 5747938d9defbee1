package io.orderinsight.infra.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
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
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The saga lookups of a whole batch in one query. Axon's saga manager asks the store which sagas each event's
 * association value belongs to, one query per event; under load those round trips were most of the deadline
 * processor's time. This store's {@link #prefetchPerBatch() interceptor}, on the saga's processor, reads at the first
 * event of a batch the sagas of every association value the batch's events carry (one query per association key); the
 * saga manager's lookups of those values are answered from that, empty answers included, and other lookups go to the
 * delegate. The sagas found are read with their associations in two more queries, and each one's first load in the
 * batch is answered from them: the repository keeps a saga it loaded for the rest of the batch, so the store was asked
 * twice per saga and batch (its row, then its associations), one round trip each.
 *
 * <p>The answers are what the delegate would have given during the batch: the saga repository writes a batch's sagas
 * and associations only when the batch commits, and sees the batch's own new and changed sagas itself. A saga ended
 * meanwhile by a deadline in its own transaction is found by id as before, and skipped when it is gone. A saga read
 * ahead is as the store held it when the batch began rather than when its first event came: a deadline that changes
 * it in between (its own transaction) is overwritten when the batch commits, as it would be by a load a moment later
 * (the store takes no lock on a saga's row; Axon's {@code exclusiveLoad} is off).
 */
public final class BatchedSagaLookups<T> implements SagaStore<T> {

    private final SagaStore<T> delegate;
    private final JdbcTemplate jdbc;
    private final SagaSchema schema;
    private final Class<?> sagaType;
    private final String sagaTypeName;
    private final SagaModel<?> model;
    private final Serializer serializer;
    private final String resource;
    private final String loadedResource;
    private final Counter fromBatch;
    private final Counter fromStore;
    private final Counter loadedAhead;
    private final Counter loadedAlone;

    /**
     * @param sagaType the saga whose processor this intercepts; lookups of other types go to the delegate
     * @param sagaTypeName the type as the store records it
     * @param model the saga's handlers, which name each event's association values
     * @param serializer the delegate's, which stored the sagas
     */
    public BatchedSagaLookups(
            SagaStore<T> delegate,
            JdbcTemplate jdbc,
            SagaSchema schema,
            Class<?> sagaType,
            String sagaTypeName,
            SagaModel<?> model,
            Serializer serializer,
            MeterRegistry meters) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.schema = schema;
        this.sagaType = sagaType;
        this.sagaTypeName = sagaTypeName;
        this.model = model;
        this.serializer = serializer;
        this.resource = BatchedSagaLookups.class.getName() + "/" + sagaTypeName;
        this.loadedResource = resource + "/loaded";
        this.fromBatch = lookups(meters, "batch");
        this.fromStore = lookups(meters, "store");
        this.loadedAhead = loads(meters, "batch");
        this.loadedAlone = loads(meters, "store");
    }

    private static Counter loads(MeterRegistry meters, String answered) {
        return Counter.builder("orderinsight.sagas.loads")
                .tag("answered", answered)
                .description("saga loads by id: from the rows the batch read ahead, or one query each")
                .register(meters);
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
            Map<AssociationValue, Set<String>> sagas = sagasOf(batch.getMessages());
            unitOfWork.root().resources().put(resource, sagas);
            Set<String> ids = new TreeSet<>();
            sagas.values().forEach(ids::addAll);
            unitOfWork.root().resources().put(loadedResource, stored(ids));
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

    /** The rows and associations of the sagas {@code ids}, as stored: two queries. */
    private Map<String, Stored> stored(Set<String> ids) {
        Map<String, Stored> stored = new HashMap<>();
        if (ids.isEmpty()) {
            return stored;
        }
        String[] wanted = ids.toArray(String[]::new);
        jdbc.query(
                "SELECT " + schema.sagaIdColumn() + ", " + schema.serializedSagaColumn() + ", "
                        + schema.sagaTypeColumn()
                        + ", " + schema.revisionColumn() + " FROM " + schema.sagaEntryTable() + " WHERE "
                        + schema.sagaIdColumn() + " = ANY (?)",
                row -> {
                    stored.put(
                            row.getString(1),
                            new Stored(
                                    new SimpleSerializedObject<>(
                                            row.getBytes(2), byte[].class, row.getString(3), row.getString(4)),
                                    new HashSet<>()));
                },
                (Object) wanted);
        jdbc.query(
                "SELECT " + schema.sagaIdColumn() + ", " + schema.associationKeyColumn() + ", "
                        + schema.associationValueColumn() + " FROM " + schema.associationValueEntryTable() + " WHERE "
                        + schema.sagaTypeColumn() + " = ? AND " + schema.sagaIdColumn() + " = ANY (?)",
                row -> {
                    Stored saga = stored.get(row.getString(1));
                    if (saga != null) {
                        saga.associations().add(new AssociationValue(row.getString(2), row.getString(3)));
                    }
                },
                sagaTypeName,
                wanted);
        return stored;
    }

    /** A saga's row and associations as the batch read them ahead. */
    private record Stored(SerializedObject<byte[]> saga, Set<AssociationValue> associations) {}

    private record Loaded<S>(Set<AssociationValue> associationValues, S saga) implements Entry<S> {}

    /** The saga as read ahead for the batch, the first time it is asked for; else the delegate's. */
    @Override
    public <S extends T> Entry<S> loadSaga(Class<S> type, String sagaIdentifier) {
        if (type == sagaType && CurrentUnitOfWork.isStarted()) {
            Map<String, Stored> batch = CurrentUnitOfWork.get().root().getResource(loadedResource);
            Stored stored = batch == null ? null : batch.remove(sagaIdentifier);
            if (stored != null) {
                loadedAhead.increment();
                S saga = serializer.deserialize(stored.saga());
                return new Loaded<>(stored.associations(), saga);
            }
        }
        loadedAlone.increment();
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
