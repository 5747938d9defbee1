package io.orderinsight.domain.shared;

/**
 * The metadata every stored event carries, and the one place where Axon's names map to ours: Axon's
 * {@code correlationId} holds the id of the message that caused this one (our causation id) and its {@code traceId}
 * the id of the first message of the chain (our correlation id).
 */
public final class MetadataKeys {

    public static final String PRINCIPAL = "principal";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String SOURCE = "source";
    public static final String OCCURRED_AT = "occurredAt";
    /** Axon's key for the causing message's id: our causation id. */
    public static final String CAUSATION_ID = "correlationId";
    /** Axon's key for the chain's first message id: our correlation id. */
    public static final String CORRELATION_ID = "traceId";

    public static final String SOURCE_HTTP = "http";
    public static final String SOURCE_KAFKA = "kafka";
    public static final String ANONYMOUS = "anonymous";

    /** Where a command from Kafka was read: {@code <topic>-<partition>@<offset>}. */
    public static final String KAFKA_RECORD = "kafkaRecord";
    /**
     * The producer a Kafka record names in its {@code producer} header: what the consumer can see of who sent it on
     * a cluster without authentication (a claim, not a proof).
     */
    public static final String KAFKA_PRODUCER = "kafkaProducer";

    private MetadataKeys() {}
}
