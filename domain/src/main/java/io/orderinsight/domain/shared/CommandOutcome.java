package io.orderinsight.domain.shared;

import java.util.List;
import java.util.Optional;

/**
 * What an accepted command changed: every aggregate it appended events to, with its new version, in the order they
 * were first touched. The write side fills the list while the command's unit of work commits, so it is complete
 * when the command's result reaches its sender.
 */
public record CommandOutcome(List<AggregateVersion> changed) {

    public Optional<AggregateVersion> find(String id, String type) {
        return changed.stream()
                .filter(v -> v.id().equals(id) && v.type().equals(type))
                .findFirst();
    }
}
