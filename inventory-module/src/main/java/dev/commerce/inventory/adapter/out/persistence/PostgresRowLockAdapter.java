package dev.commerce.inventory.adapter.out.persistence;

import dev.commerce.inventory.application.port.LockPort;
import java.util.Collection;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inventory {@link LockPort} on PostgreSQL row locks: one transaction (with its
 * {@code lock_timeout}, see {@link JdbcTransactionAdapter}), {@code SELECT ... FOR UPDATE} on the
 * stock rows in one fixed order, then the work. The locks end with the transaction.
 */
public class PostgresRowLockAdapter implements LockPort {

    // ORDER BY under the C collation: every caller locks in the same byte order, whatever the
    // database's default collation, so {A, B} and {B, A} cannot deadlock.
    private static final String LOCK_ROWS = """
            SELECT sku FROM inventory.stock
            WHERE sku = ANY (?)
            ORDER BY sku COLLATE "C"
            FOR UPDATE""";

    private final JdbcTransactionAdapter transactions;
    private final JdbcClient jdbc;

    public PostgresRowLockAdapter(JdbcTransactionAdapter transactions, JdbcClient jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public <T> T withStocksLocked(Collection<String> skus, Supplier<T> work) {
        String[] distinct = skus.stream().distinct().toArray(String[]::new);
        return transactions.inTransaction(() -> {
            jdbc.sql(LOCK_ROWS).param(distinct).query(String.class).list();
            return work.get();
        });
    }
}
