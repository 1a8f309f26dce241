package dev.commerce.inventory.adapter.out.persistence;

import dev.commerce.inventory.adapter.PostgresLockFailures;
import dev.commerce.inventory.application.port.InventoryTransactions;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link InventoryTransactions} on Spring's transaction manager. Every transaction sets
 * {@code lock_timeout}, so a statement that waits for a row lock longer than that fails with
 * {@code LOCK_TIMEOUT} instead of hanging; a deadlock victim is answered the same way.
 * Public for the guard tests in app-bootstrap, which build an instance of the service by hand.
 */
public class JdbcInventoryTransactions implements InventoryTransactions {

    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final String lockTimeout;

    public JdbcInventoryTransactions(PlatformTransactionManager transactionManager, JdbcClient jdbc,
            Duration lockTimeout) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.lockTimeout = PostgresLockFailures.lockTimeoutSetting(lockTimeout);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            return transactions.execute(status -> {
                jdbc.sql("SELECT set_config('lock_timeout', ?, true)").param(lockTimeout).query(String.class).single();
                return work.get();
            });
        } catch (DataAccessException e) {
            if (!PostgresLockFailures.isLockFailure(e)) {
                throw e;
            }
            throw PostgresLockFailures.busy(lockTimeout, e);
        }
    }
}
