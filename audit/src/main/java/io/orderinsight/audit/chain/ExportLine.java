package io.orderinsight.audit.chain;

import java.util.Base64;

/**
 * One line of the NDJSON export: a link and the stored event it covers, its payload and metadata bytes in base64 —
 * everything the offline verifier needs. Personal data stays sealed: the payload bytes are the stored ones, and
 * {@code personalData} says whether they hold any: SEALED, or ERASED once the customer's key was destroyed (the
 * ciphertext is still there, and still hashed, but nothing can read it); null when the event holds none.
 */
public record ExportLine(
        long chainSeq,
        long globalPosition,
        String prevHash,
        String hash,
        String eventId,
        String type,
        String aggregateId,
        long sequence,
        String recordedAt,
        String payload,
        String metadata,
        String personalData) {

    public static ExportLine of(ChainLink link) {
        return of(link, null);
    }

    public static ExportLine of(ChainLink link, String personalData) {
        return new ExportLine(
                link.chainSeq(),
                link.globalPosition(),
                link.prevHash(),
                link.hash(),
                link.eventId(),
                link.type(),
                link.aggregateId(),
                link.sequence(),
                link.recordedAt(),
                link.payload() == null ? null : Base64.getEncoder().encodeToString(link.payload()),
                link.metadata() == null ? null : Base64.getEncoder().encodeToString(link.metadata()),
                personalData);
    }

    public ChainLink link() {
        return new ChainLink(
                chainSeq,
                globalPosition,
                eventId,
                type,
                aggregateId,
                sequence,
                recordedAt,
                payload == null ? null : Base64.getDecoder().decode(payload),
                metadata == null ? null : Base64.getDecoder().decode(metadata),
                prevHash,
                hash);
    }
}
