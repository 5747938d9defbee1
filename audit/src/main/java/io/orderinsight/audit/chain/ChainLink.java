package io.orderinsight.audit.chain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One link of the hash chain over the stored events, exactly as the contract defines it: {@code hash} = SHA-256 over
 * the previous link's hash (its 32 bytes; 32 zero bytes before the first link) followed by each field of the stored
 * event — event id, type, aggregate id, sequence, recorded time, payload bytes, metadata bytes — each preceded by its
 * length as 4 bytes big-endian. Text fields are UTF-8; the sequence is written in decimal; the recorded time exactly as
 * the event store keeps it.
 *
 * <p>A link whose stored event is gone from the store has no type and no recorded time (the store requires both for
 * every event it holds).
 */
public record ChainLink(
        long chainSeq,
        long globalPosition,
        String eventId,
        String type,
        String aggregateId,
        long sequence,
        String recordedAt,
        byte[] payload,
        byte[] metadata,
        String prevHash,
        String hash) {

    /** The hash before the first link: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    /** The hash of a stored event chained after {@code prevHash}. */
    public static String hashOf(
            String prevHash,
            String eventId,
            String type,
            String aggregateId,
            long sequence,
            String recordedAt,
            byte[] payload,
            byte[] metadata) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(HexFormat.of().parseHex(prevHash));
            field(digest, utf8(eventId));
            field(digest, utf8(type));
            field(digest, utf8(aggregateId));
            field(digest, utf8(Long.toString(sequence)));
            field(digest, utf8(recordedAt));
            field(digest, payload == null ? new byte[0] : payload);
            field(digest, metadata == null ? new byte[0] : metadata);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the stored event this link covers is gone from the store while the link remains. */
    public boolean eventMissing() {
        return type == null && recordedAt == null;
    }

    /** This link's hash recomputed from its fields after {@code previous} (the previous link's hash). */
    public String recompute(String previous) {
        return hashOf(previous, eventId, type, aggregateId, sequence, recordedAt, payload, metadata);
    }

    private static void field(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
