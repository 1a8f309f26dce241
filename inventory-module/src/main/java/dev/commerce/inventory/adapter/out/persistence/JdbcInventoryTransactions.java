package dev.commerce.inventory.adapter.out.persistence;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.application.port.InventoryTransactions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inventory {@link InventoryTransactions} on Spring's transaction manager. Every transaction sets
 * {@code lock_timeout}, so a statement that waits for a row lock longer than that fails with
 * {@code LOCK_TIMEOUT} instead of hanging; a deadlock victim is answered the same way.
 */
public class JdbcInventoryTransactions implements InventoryTransactions {

    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final String lockTimeout;

    public JdbcInventoryTransactions(PlatformTransactionManager transactionManager, JdbcClient jdbc, Duration lockTimeout) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.lockTimeout = Math.max(1, lockTimeout.toMillis()) + "ms";
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return inTransaction(true, work);
    }

    /**
     * With {@code setLockTimeout} false the caller's first statement must set {@link #lockTimeout()}
     * itself (saving a round trip), before it waits for any lock.
     */
    <T> T inTransaction(boolean setLockTimeout, Supplier<T> work) {
        try {
            return transactions.execute(status -> {
                if (setLockTimeout) {
                    jdbc.sql("SELECT set_config('lock_timeout', ?, true)").param(lockTimeout).query(String.class).single();
                }
                return work.get();
            });
        } catch (DataAccessException e) {
            if (!isLockFailure(e)) {
                throw e;
            }
            throw new InventoryException(InventoryErrorCode.LOCK_TIMEOUT,
                    "Stock is busy; could not lock it within " + lockTimeout + ". Retry later.",
                    Duration.ofSeconds(1), e);
        }
    }

    /** The lock_timeout every transaction sets, as PostgreSQL reads it (e.g. {@code 2000ms}). */
    String lockTimeout() {
        return lockTimeout;
    }

    /**
     * lock_not_available (55P03, after lock_timeout) or a deadlock victim (40P01). Spring translates
     * the latter, but leaves the former uncategorized, so the SQL state is read directly.
     */
    static boolean isLockFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PessimisticLockingFailureException) {
                return true;
            }
            if (cause instanceof SQLException sql && ("55P03".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
