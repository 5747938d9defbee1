package io.orderinsight.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the chain's links with the stored events they cover, in chain order. */
public class ChainStore {

    private static final int PAGE = 10_000;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ChainStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The links from {@code from} to {@code to} (chain sequence numbers, inclusive), each handed to {@code sink}. */
    public void links(long from, long to, Consumer<ChainLink> sink) {
        jdbc.setFetchSize(1_000);
        jdbc.query(
                "select h.chain_seq, h.global_position, h.event_id, h.prev_hash, h.hash, e.payloadtype,"
                        + " e.aggregateidentifier, e.sequencenumber, e.timestamp, e.payload, e.metadata"
                        + " from hash_chain h left join domainevententry e on e.eventidentifier = h.event_id"
                        + " where h.chain_seq between ? and ? order by h.chain_seq",
                row -> {
                    sink.accept(new ChainLink(
                            row.getLong(1),
                            row.getLong(2),
                            row.getString(3),
                            row.getString(6),
                            row.getString(7),
                            row.getLong(8),
                            row.getString(9),
                            row.getBytes(10),
                            row.getBytes(11),
                            row.getString(4),
                            row.getString(5)));
                },
                from,
                to);
    }

    /**
     * Checks links {@code first} to {@code last} against the stored events, page by page, the first following {@code
     * previous}.
     */
    public ChainCheck.Result walk(long first, long last, String previous) {
        long checked = 0;
        ChainLink head = null;
        for (long page = first; page <= last; page += PAGE) {
            List<ChainLink> links = new ArrayList<>();
            links(page, Math.min(last, page + PAGE - 1), links::add);
            ChainCheck.Result result = ChainCheck.walk(links.iterator(), page, previous, ChainCheck.Lookahead.NONE);
            checked += result.checked();
            if (!result.verified()) {
                return ChainCheck.Result.broken(
                        checked, result.head(), result.brokenAt(), result.problem(), result.detail());
            }
            if (result.head() != null) {
                head = result.head();
                previous = head.hash();
            }
        }
        return ChainCheck.Result.ok(checked, head);
    }

    /** The stored hashes of the links at {@code chainSeqs} that exist. */
    public Map<Long, String> hashesAt(Collection<Long> chainSeqs) {
        Map<Long, String> hashes = new HashMap<>();
        Long[] wanted = chainSeqs.toArray(Long[]::new);
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(
                            "select chain_seq, hash from hash_chain where chain_seq = any(?)");
                    statement.setArray(1, connection.createArrayOf("bigint", wanted));
                    return statement;
                },
                row -> {
                    hashes.put(row.getLong(1), row.getString(2));
                });
        return hashes;
    }

    /** The chain's newest link's sequence number and hash, or null when nothing is chained yet. */
    public Object[] head() {
        List<Object[]> head = jdbc.query(
                "select chain_seq, hash, global_position from hash_chain order by chain_seq desc limit 1",
                (row, index) -> new Object[] {row.getLong(1), row.getString(2), row.getLong(3)});
        return head.isEmpty() ? null : head.get(0);
    }

    /** The hash of link {@code chainSeq}, or the genesis hash before link 0. */
    public String hashBefore(long chainSeq) {
        if (chainSeq <= 0) {
            return ChainLink.GENESIS;
        }
        List<String> hash =
                jdbc.queryForList("select hash from hash_chain where chain_seq = ?", String.class, chainSeq - 1);
        return hash.isEmpty() ? ChainLink.GENESIS : hash.get(0);
    }

    /**
     * The global position of the first stored event the chain's processor has passed (its token, not counting the gaps
     * it still waits for) that no link covers; or null.
     */
    public Long firstUnchained() {
        List<byte[]> tokens = jdbc.queryForList(
                "select token from tokenentry where processorname = ? and segment = 0",
                byte[].class,
                HashChain.PROCESSING_GROUP);
        if (tokens.isEmpty() || tokens.get(0) == null) {
            return null;
        }
        JsonNode token;
        try {
            token = json.readTree(tokens.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long passed = token.path("index").asLong(-1);
        List<Long> gaps = new ArrayList<>();
        token.path("gaps").forEach(gap -> gaps.add(gap.asLong()));
        Long[] waiting = gaps.toArray(Long[]::new);
        return jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(
                            "select min(e.globalindex) from domainevententry e where e.globalindex <= ?"
                                    + " and not (e.globalindex = any(?))"
                                    + " and not exists (select 1 from hash_chain h where h.event_id = e.eventidentifier)");
                    statement.setLong(1, passed);
                    statement.setArray(2, connection.createArrayOf("bigint", waiting));
                    return statement;
                },
                row -> row.next() ? (Long) row.getObject(1, Long.class) : null);
    }
}
