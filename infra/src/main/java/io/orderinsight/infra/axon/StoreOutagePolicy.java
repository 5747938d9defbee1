package io.orderinsight.infra.axon;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * The dead-letter policy of the view projections. An event whose handling fails is parked, and its order's later events
 * wait behind it, until an operator retries it. A read-model store or database that cannot be reached is no fault of
 * the event, though: parking would take every event of the outage out of the read models. Such a failure fails the
 * whole batch instead, nothing is stored, and the processor tries the batch again with back-off until the store is
 * back — an outage parks nothing and loses nothing.
 */
public final class StoreOutagePolicy implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (isOutage(cause)) {
            throw new StoreUnavailableException(cause);
        }
        return Decisions.enqueue(cause);
    }

    /** Whether {@code failure}, or what caused it, says a store could not be reached rather than what an event held. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoSocketException
                    || cause instanceof MongoTimeoutException
                    || cause instanceof MongoServerUnavailableException
                    || cause instanceof MongoNotPrimaryException
                    || cause instanceof MongoNodeIsRecoveringException
                    || cause instanceof MongoInterruptedException
                    || cause instanceof MongoConnectionPoolClearedException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof MongoException mongo
                    && (mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                            || mongo.hasErrorLabel("RetryableWriteError"))) {
                return true;
            }
        }
        return false;
    }

    /** A batch that failed because a store was unreachable; the processor retries it. */
    public static final class StoreUnavailableException extends RuntimeException {

        StoreUnavailableException(Throwable cause) {
            super("a store could not be reached; the batch is retried: " + cause, cause);
        }
    }
}
