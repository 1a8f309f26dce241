package dev.commerce.inventory.adapter.out.persistence;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.application.port.LockPort;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inventory {@link LockPort} on PostgreSQL row locks: one transaction, {@code SELECT ... FOR
 * UPDATE} on the stock rows in one fixed order, a {@code lock_timeout} so that a stuck holder
 * yields {@code LOCK_TIMEOUT} instead of a hang. The locks end with the transaction.
 */
public class PostgresRowLockAdapter implements LockPort {

    // ORDER BY under the C collation: every caller locks in the same byte order, whatever the
    // database's default collation, so {A, B} and {B, A} cannot deadlock.
    private static final String LOCK_ROWS = """
            SELECT sku FROM inventory.stock
            WHERE sku = ANY (?)
            ORDER BY sku COLLATE "C"
            FOR UPDATE""";

    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final String lockTimeout;

    public PostgresRowLockAdapter(PlatformTransactionManager transactionManager, JdbcClient jdbc,
            Duration lockTimeout) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.lockTimeout = Math.max(1, lockTimeout.toMillis()) + "ms";
    }

    @Override
    public <T> T withStocksLocked(Collection<String> skus, Supplier<T> work) {
        String[] sorted = skus.stream().distinct().sorted().toArray(String[]::new);
        try {
            return transactions.execute(status -> {
                jdbc.sql("SELECT set_config('lock_timeout', ?, true)").param(lockTimeout).query(String.class).single();
                jdbc.sql(LOCK_ROWS).param(sorted).query(String.class).list();
                return work.get();
            });
        } catch (PessimisticLockingFailureException e) {
            // lock_not_available (55P03) after lock_timeout, or a deadlock victim (40P01)
            throw new InventoryException(InventoryErrorCode.LOCK_TIMEOUT,
                    "Stock is busy; could not lock it within " + lockTimeout + ". Retry later.",
                    Duration.ofSeconds(1), e);
        }
    }
}
