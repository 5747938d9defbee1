package io.orderinsight.command.kafka;

/**
 * The command could not run because the node is read-only (no writable primary): its record waits on the topic,
 * retried for as long as the mode lasts and never parked, while the node's consumers are paused.
 */
public class ReadOnlyCommandFailure extends TransientCommandFailure {

    public ReadOnlyCommandFailure(String reason) {
        super(reason);
    }
}
