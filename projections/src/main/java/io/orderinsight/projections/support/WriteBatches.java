package io.orderinsight.projections.support;

import com.mongodb.client.MongoCollection;
import io.orderinsight.domain.shared.RecordValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

/**
 * Gives each batch of a streaming processor its own {@link WriteBatch}, kept in the batch's unit of work and written
 * by {@link #flushAtEndOfBatch()} after the batch's last event was handled, before the processor stores its token.
 * Outside a batch (a dead letter retried on its own, a test calling a handler) each event is written at once; a
 * retried dead letter is written late ({@link WriteBatch}), since the counters went on past it.
 */
public final class WriteBatches {

    private final String resource;
    private final List<Prefetch> prefetches = new CopyOnWriteArrayList<>();
    private final WriteConflicts conflicts = new WriteConflicts();

    /** @param name what the batches write, unique among the handlers of one processor (its main collection, say) */
    public WriteBatches(String name) {
        this.resource = WriteBatch.class.getName() + "@" + name;
    }

    /**
     * Reads the documents of {@code collection} that a batch's events name in their component {@code idComponent}
     * (such as {@code orderId}) in one query when the batch begins, instead of one query per document as the handlers
     * come to them.
     */
    public void prefetch(MongoCollection<Document> collection, String idComponent) {
        prefetches.add(new Prefetch(collection, idComponent));
    }

    private record Prefetch(MongoCollection<Document> collection, String idComponent) {}

    /** How often this projection's batches met documents other writers had changed. */
    public WriteConflicts conflicts() {
        return conflicts;
    }

    /** Runs {@code work} against the current batch, or against one of its own written right after it. */
    public void write(Consumer<WriteBatch> work) {
        WriteBatch batch = current();
        if (batch != null) {
            work.accept(batch);
            return;
        }
        WriteBatch single = new WriteBatch(retryingDeadLetter(), conflicts);
        work.accept(single);
        single.flush();
    }

    /** Reads through the current batch (so its own writes are seen), or straight from MongoDB outside one. */
    public <T> T read(Function<WriteBatch, T> reading) {
        WriteBatch batch = current();
        return reading.apply(batch == null ? new WriteBatch(false, conflicts) : batch);
    }

    /**
     * The reads that fill this projection's batch ahead of its events, in one query per prefetched collection: the
     * batch is looked up here, on the processor's thread, and the returned work may run on any thread.
     */
    private Runnable prefetchFor(BatchingUnitOfWork<?> batch) {
        WriteBatch writes = batchOf(batch);
        return () -> {
            for (Prefetch prefetch : prefetches) {
                Set<String> ids = new LinkedHashSet<>();
                for (Message<?> message : batch.getMessages()) {
                    RecordValues.of(message.getPayload(), prefetch.idComponent(), Object.class)
                            .map(Object::toString)
                            .ifPresent(ids::add);
                }
                writes.prefetch(prefetch.collection(), ids);
            }
        };
    }

    /** This projection's writes of {@code batch}, taken out of it to be written; null if it wrote nothing. */
    private WriteBatch takeFrom(BatchingUnitOfWork<?> batch) {
        WriteBatch writes = batch.getResource(resource);
        if (writes != null) {
            batch.resources().remove(resource);
        }
        return writes;
    }

    /**
     * Whether the current unit of work is Axon's retry of a dead letter, which it runs with the letter as a resource
     * (nested in the unit of work of the retry as a whole).
     */
    private static boolean retryingDeadLetter() {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        for (UnitOfWork<?> unit = CurrentUnitOfWork.get();
                unit != null;
                unit = unit.parent().orElse(null)) {
            if (unit.resources().containsKey(DeadLetter.class.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The batch of the streaming processor's current unit of work; null outside one. */
    private WriteBatch current() {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return null;
        }
        return batchOf(batch);
    }

    private WriteBatch batchOf(BatchingUnitOfWork<?> batch) {
        return batch.getOrComputeResource(resource, key -> {
            // the interceptor writes and removes the batch; one still here at commit was never written
            batch.onPrepareCommit(unitOfWork -> {
                if (unitOfWork.resources().containsKey(resource)) {
                    throw new IllegalStateException(
                            "a batch of " + resource + " ended unwritten: register flushAtEndOfBatch()");
                }
            });
            return new WriteBatch(false, conflicts);
        });
    }

    /**
     * The processor interceptor that writes the batch once its last event has been handled: still inside the unit of
     * work, so a failed write rolls the batch back and it is delivered again.
     */
    public MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return new EndOfBatch(List.of(this));
    }

    /**
     * The end-of-batch writes of the projections one processor runs together ({@link ProjectionGroup}): their reads
     * ahead, and then their writes, sent at the same time ({@link AtOnce}) rather than one projection after the other.
     */
    static final class EndOfBatch implements MessageHandlerInterceptor<EventMessage<?>> {

        private final List<WriteBatches> projections;

        private EndOfBatch(List<WriteBatches> projections) {
            this.projections = List.copyOf(projections);
        }

        /** One interceptor for the batches of all of {@code parts}. */
        static EndOfBatch together(List<EndOfBatch> parts) {
            return new EndOfBatch(
                    parts.stream().flatMap(part -> part.projections.stream()).toList());
        }

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            UnitOfWork<?> root = unitOfWork.root();
            BatchingUnitOfWork<?> batch = root instanceof BatchingUnitOfWork<?> batching ? batching : null;
            if (batch != null && batch.isFirstMessage()) {
                List<Runnable> reads = projections.stream()
                        .filter(projection -> !projection.prefetches.isEmpty())
                        .map(projection -> projection.prefetchFor(batch))
                        .toList();
                if (reads.size() > 1) {
                    // the reads look into the events' payloads: decoded here once, not by several threads at once
                    batch.getMessages().forEach(Message::getPayload);
                }
                AtOnce.all(reads, Runnable::run);
            }
            Object result = chain.proceed();
            if (batch != null && batch.isLastMessage()) {
                List<WriteBatch> writes = new ArrayList<>();
                for (WriteBatches projection : projections) {
                    WriteBatch taken = projection.takeFrom(batch);
                    if (taken != null) {
                        writes.add(taken);
                    }
                }
                AtOnce.all(writes, WriteBatch::flush);
            }
            return result;
        }
    }
}
