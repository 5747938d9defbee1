package io.orderinsight.audit.chain;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Chains every stored event, in the order this single-segment processor receives them: link n hashes the event's
 * stored bytes with link n−1's hash ({@link ChainLink}). The links are written with the processor's token in one
 * PostgreSQL transaction, so the chain is gap-free: a batch that fails leaves neither links nor token behind. It
 * never replays; an event already chained is not chained again.
 */
@ProcessingGroup(HashChain.PROCESSING_GROUP)
public class HashChain {

    public static final String PROCESSING_GROUP = "audit-chain";
    private static final String BATCH = HashChain.class.getName() + ".batch";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public HashChain(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventHandler
    @DisallowReplay
    public void on(Object payload, EventMessage<?> event) {
        batch().chain(event.getIdentifier());
    }

    /** The stored form of an event, as the chain hashes it. */
    record Stored(
            long globalPosition,
            String eventId,
            String type,
            String aggregateId,
            long sequence,
            String recordedAt,
            byte[] payload,
            byte[] metadata) {}

    private final class Batch {
        private final Map<String, Stored> stored = new HashMap<>();
        private final Set<String> chained = new HashSet<>();
        private final List<Object[]> links = new ArrayList<>();
        private long next;
        private String previous;

        Batch(List<? extends Message<?>> messages) {
            List<String> ids = new ArrayList<>();
            messages.forEach(message -> ids.add(message.getIdentifier()));
            List<Object[]> head =
                    jdbc.query("select chain_seq, hash from hash_chain order by chain_seq desc limit 1", (row, index) ->
                            new Object[] {row.getLong(1), row.getString(2)});
            next = head.isEmpty() ? 0 : (Long) head.get(0)[0] + 1;
            previous = head.isEmpty() ? ChainLink.GENESIS : (String) head.get(0)[1];
            String[] array = ids.toArray(String[]::new);
            jdbc.query(
                    connection -> {
                        var statement = connection.prepareStatement(
                                "select globalindex, eventidentifier, payloadtype, aggregateidentifier, sequencenumber,"
                                        + " timestamp, payload, metadata from domainevententry"
                                        + " where eventidentifier = any(?)");
                        statement.setArray(1, connection.createArrayOf("varchar", array));
                        return statement;
                    },
                    row -> {
                        stored.put(
                                row.getString(2),
                                new Stored(
                                        row.getLong(1),
                                        row.getString(2),
                                        row.getString(3),
                                        row.getString(4),
                                        row.getLong(5),
                                        row.getString(6),
                                        row.getBytes(7),
                                        row.getBytes(8)));
                    });
            jdbc.query(
                    connection -> {
                        var statement =
                                connection.prepareStatement("select event_id from hash_chain where event_id = any(?)");
                        statement.setArray(1, connection.createArrayOf("varchar", array));
                        return statement;
                    },
                    row -> {
                        chained.add(row.getString(1));
                    });
        }

        void chain(String eventId) {
            Stored event = stored.get(eventId);
            if (event == null || !chained.add(eventId)) {
                return;
            }
            String hash = ChainLink.hashOf(
                    previous,
                    event.eventId(),
                    event.type(),
                    event.aggregateId(),
                    event.sequence(),
                    event.recordedAt(),
                    event.payload(),
                    event.metadata());
            links.add(
                    new Object[] {next, event.globalPosition(), eventId, previous, hash, Timestamp.from(clock.instant())
                    });
            previous = hash;
            next++;
        }

        void write() {
            if (!links.isEmpty()) {
                jdbc.batchUpdate(
                        "insert into hash_chain (chain_seq, global_position, event_id, prev_hash, hash, chained_at)"
                                + " values (?, ?, ?, ?, ?, ?)",
                        links);
            }
        }
    }

    private Batch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            List<? extends Message<?>> messages = root instanceof BatchingUnitOfWork<?> batching
                    ? batching.getMessages()
                    : List.of(root.getMessage());
            Batch batch = new Batch(messages);
            root.onPrepareCommit(unitOfWork -> batch.write());
            return batch;
        });
    }
}
