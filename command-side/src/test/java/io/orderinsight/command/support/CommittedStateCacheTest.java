package io.orderinsight.command.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class CommittedStateCacheTest {

    private final CommittedStateCache cache = new CommittedStateCache();

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void handsAnAggregateOutOnceSoNobodyBuildsOnStateInUse() {
        cache.put("p-1", "state");

        assertThat((Object) cache.get("p-1")).isEqualTo("state");
        assertThat((Object) cache.get("p-1")).isNull();
    }

    @Test
    void keepsASavedStateBackUntilItsTransactionCommits() {
        TransactionSynchronizationManager.initSynchronization();

        cache.put("p-1", "uncommitted");

        assertThat(cache.containsKey("p-1")).isFalse();
        complete(TransactionSynchronization.STATUS_COMMITTED);
        assertThat((Object) cache.get("p-1")).isEqualTo("uncommitted");
    }

    @Test
    void forgetsASavedStateWhoseTransactionRollsBack() {
        TransactionSynchronizationManager.initSynchronization();

        cache.put("p-1", "rolled back");
        complete(TransactionSynchronization.STATUS_ROLLED_BACK);

        assertThat(cache.containsKey("p-1")).isFalse();
    }

    private static void complete(int status) {
        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        if (status == TransactionSynchronization.STATUS_COMMITTED) {
            synchronizations.forEach(TransactionSynchronization::afterCommit);
        }
        synchronizations.forEach(synchronization -> synchronization.afterCompletion(status));
    }
}
