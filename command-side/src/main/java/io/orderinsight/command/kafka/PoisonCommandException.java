package io.orderinsight.command.kafka;

/**
 * A command record that cannot be handled as it is: not JSON, an unknown type, a missing or malformed field, too
 * large, or keyed by another order. It is parked in the dead-letter topic with {@code code} and the reason; retrying
 * it would never succeed.
 */
public class PoisonCommandException extends RuntimeException {

    private final String code;
    private final String commandId;

    public PoisonCommandException(String code, String reason, String commandId) {
        super(reason, null, false, false);
        this.code = code;
        this.commandId = commandId;
    }

    public String code() {
        return code;
    }

    /** The record's command id when it could be read, so that a rejection can also be answered on the results topic. */
    public String commandId() {
        return commandId;
    }
}
