package io.orderinsight.infra.axon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Axon's connections to the application's DataSource, joined to the Spring transaction of the thread when there is one,
 * and then ended by that transaction alone. Axon's own provider ({@code SpringDataSourceConnectionProvider}) leaves the
 * commit of such a connection to the transaction, but not its rollback: a unit of work that rolled back (a command the
 * domain refuses) rolled the whole connection back, and with it everything the enclosing transaction had written
 * before — the idempotency key's lock and, when several commands share one transaction, the events and key records of
 * the commands before it, while the transaction went on and committed the rest. Here {@code commit()} and {@code
 * rollback()} of a connection the thread's transaction holds do nothing; the transaction manager that opened the
 * transaction ends it (Axon's processors and the command path open theirs through {@link
 * org.axonframework.spring.messaging.unitofwork.SpringTransactionManager}, participating in one already open). A
 * connection outside any transaction is committed, rolled back and closed as asked.
 */
final class TransactionOwnedConnections implements ConnectionProvider {

    private final DataSource dataSource;

    TransactionOwnedConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = DataSourceUtils.doGetConnection(dataSource);
        boolean owned = DataSourceUtils.isConnectionTransactional(connection, dataSource);
        InvocationHandler handler = (proxy, method, arguments) -> {
            String name = method.getName();
            if (method.getParameterCount() == 0) {
                if (name.equals("close")) {
                    DataSourceUtils.doReleaseConnection(connection, dataSource);
                    return null;
                }
                if (owned && (name.equals("commit") || name.equals("rollback"))) {
                    return null;
                }
            }
            try {
                return method.invoke(connection, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }
}
