package io.orderinsight.domain.shared;

/**
 * A command the write side refuses. The message names the rule and the current state, e.g. "refund 500 USD exceeds
 * refundable 300 USD on payment p-1"; nothing has changed when it is thrown.
 */
public class CommandRejectedException extends RuntimeException {

    private final RejectionCode code;
    private final String field;

    public CommandRejectedException(RejectionCode code, String detail) {
        this(code, null, detail);
    }

    public CommandRejectedException(RejectionCode code, String field, String detail) {
        super(detail, null, false, false);
        this.code = code;
        this.field = field;
    }

    public RejectionCode code() {
        return code;
    }

    /** The request field at fault, when there is one. */
    public String field() {
        return field;
    }

    public static CommandRejectedException invalidState(String detail) {
        return new CommandRejectedException(RejectionCode.INVALID_STATE, detail);
    }

    public static CommandRejectedException invalid(String field, String detail) {
        return new CommandRejectedException(RejectionCode.VALIDATION_FAILED, field, detail);
    }
}
