package io.orderinsight.audit.chain;

/**
 * Delivers a signed checkpoint outside the node (the checkpoints topic), returning only once it was acknowledged; a
 * failure is thrown, and the checkpoint is delivered again on the next signing round.
 */
@FunctionalInterface
public interface CheckpointPublisher {

    void publish(Checkpoint checkpoint) throws Exception;
}
