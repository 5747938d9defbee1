package io.orderinsight.command.kafka;

/** The command could not be run now (the event store is unavailable, its key is still in flight): retried with back-off. */
public class TransientCommandFailure extends RuntimeException {

    public TransientCommandFailure(String reason) {
        super(reason);
    }
}
