package io.orderinsight.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

class WriteAvailabilityTest {

    @Test
    void aWriteInAReadOnlyTransactionMeansNoWritablePrimary() {
        SQLException standby = new SQLException("cannot execute INSERT in a read-only transaction", "25006");

        assertThat(WriteAvailability.reasonOf(new DataAccessResourceFailureException("insert failed", standby)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no writes"));
    }

    @Test
    void aDatabaseThatCannotBeReachedOrIsShuttingDownMeansNoWritablePrimary() {
        assertThat(WriteAvailability.reasonOf(new SQLException("Connection refused", "08001")))
                .hasValue("the database cannot be reached");
        assertThat(WriteAvailability.reasonOf(new SQLException("An I/O error occurred", "08006")))
                .hasValue("the database cannot be reached");
        assertThat(WriteAvailability.reasonOf(
                        new SQLException("terminating connection due to administrator command", "57P01")))
                .hasValue("the database is shutting down or starting");
        SQLTransientConnectionException poolGaveUp = new SQLTransientConnectionException(
                "Connection is not available, request timed out after 5000ms", null, new SQLException("refused"));
        assertThat(WriteAvailability.reasonOf(new CannotCreateTransactionException("no connection", poolGaveUp)))
                .hasValue("the database cannot be reached");
    }

    @Test
    void aBusyPoolOrAFailedStatementIsNoneOfTheModesBusiness() {
        SQLTransientConnectionException busy =
                new SQLTransientConnectionException("Connection is not available, request timed out after 5000ms");
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");

        assertThat(WriteAvailability.reasonOf(busy)).isEmpty();
        assertThat(WriteAvailability.reasonOf(new DataIntegrityViolationException("duplicate", duplicate)))
                .isEmpty();
        assertThat(WriteAvailability.reasonOf(new IllegalStateException("a bug")))
                .isEmpty();
    }
}
