package io.orderinsight.audit.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.security.PublicKey;
import java.time.Instant;

/**
 * A signed head of the chain: link {@code chainSeq}'s {@code hash}, when it was signed, and the hash of the checkpoint
 * before it ({@code previousHash}; 64 zeros for the first), so that checkpoints form a chain of their own. The
 * signature covers all four ({@link SigningKeys#signed}); a checkpoint signed before checkpoints were chained has no
 * {@code previousHash}, and its signature covers the other three.
 *
 * <p>One JSON form serves the endpoint's items, the checkpoint file's lines and the checkpoints topic's values.
 */
public record Checkpoint(long chainSeq, String hash, Instant signedAt, String previousHash, String signature) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** Signs link {@code chainSeq}'s {@code hash} at {@code signedAt} after the checkpoint whose hash is given. */
    public static Checkpoint sign(SigningKeys keys, long chainSeq, String hash, Instant signedAt, String previousHash) {
        return new Checkpoint(
                chainSeq,
                hash,
                signedAt,
                previousHash,
                keys.sign(SigningKeys.signed(chainSeq, hash, signedAt.toString(), previousHash)));
    }

    public boolean signedBy(PublicKey key) {
        return signature != null
                && SigningKeys.verifies(
                        key, SigningKeys.signed(chainSeq, hash, signedAt.toString(), previousHash), signature);
    }

    /** This checkpoint as one line of JSON, without the line break. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A checkpoint from its JSON form; an {@link IllegalArgumentException} when the text is not one. */
    public static Checkpoint parse(String json) {
        try {
            Checkpoint checkpoint = JSON.readValue(json, Checkpoint.class);
            if (checkpoint.hash() == null || checkpoint.signedAt() == null) {
                throw new IllegalArgumentException("a checkpoint needs a hash and a signing time");
            }
            return checkpoint;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a checkpoint: " + e.getOriginalMessage(), e);
        }
    }
}
