package io.orderinsight.command.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of one command record, published to {@code orderinsight.command-results} keyed by {@code commandId}.
 *
 * @param status ACCEPTED or REJECTED
 * @param code the machine code of a rejection
 * @param id the aggregate the command was about, when accepted
 * @param version its version after the command, when accepted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(String commandId, String status, String code, String detail, String id, Long version) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";

    static CommandResult rejected(String commandId, String code, String detail) {
        return new CommandResult(commandId, REJECTED, code, detail, null, null);
    }
}
