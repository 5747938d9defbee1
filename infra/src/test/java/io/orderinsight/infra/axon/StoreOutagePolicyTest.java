package io.orderinsight.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import java.io.IOException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class StoreOutagePolicyTest {

    private final StoreOutagePolicy policy = new StoreOutagePolicy();
    private final DeadLetter<EventMessage<?>> letter =
            new GenericDeadLetter<>("o-1", GenericEventMessage.asEventMessage("an event"));

    @Test
    void parksAnEventWhoseHandlingFailed() {
        IllegalStateException failure = new IllegalStateException("the event holds what the handler cannot take");

        EnqueueDecision<EventMessage<?>> decision = policy.decide(letter, failure);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).contains(failure);
    }

    @Test
    void failsTheBatchWhenTheReadModelStoreCannotBeReached() {
        MongoTimeoutException timeout = new MongoTimeoutException("no server within 30000 ms");

        assertThatThrownBy(() -> policy.decide(letter, timeout))
                .isInstanceOf(StoreOutagePolicy.StoreUnavailableException.class)
                .hasCause(timeout);
    }

    @Test
    void recognisesAnOutageBehindWrappingExceptions() {
        var socket = new MongoSocketOpenException("refused", new ServerAddress("localhost", 27017), new IOException());

        assertThat(StoreOutagePolicy.isOutage(new RuntimeException("handler failed", socket)))
                .isTrue();
        assertThat(StoreOutagePolicy.isOutage(new DataAccessResourceFailureException("no connection")))
                .isTrue();
        assertThat(StoreOutagePolicy.isOutage(new IllegalArgumentException("bad amount")))
                .isFalse();
    }
}
