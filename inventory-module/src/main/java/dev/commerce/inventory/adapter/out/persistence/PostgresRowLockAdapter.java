package dev.commerce.inventory.adapter.out.persistence;

import dev.commerce.inventory.application.port.LockPort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inventory {@link LockPort} on PostgreSQL row locks: one transaction (with its
 * {@code lock_timeout}, see {@link JdbcTransactionAdapter}), {@code SELECT ... FOR UPDATE} on the
 * stock rows in one fixed order, then the work. The locks end with the transaction.
 * Records {@code inventory.lock.wait} (until the rows are locked) and {@code inventory.lock.hold}
 * (from then until the transaction has ended), named like the coupon module's lock timers.
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
    private final Timer waitTimer;
    private final Timer holdTimer;

    public PostgresRowLockAdapter(JdbcTransactionAdapter transactions, JdbcClient jdbc, MeterRegistry registry) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.waitTimer = Timer.builder("inventory.lock.wait").tag("type", "row")
                .description("time waiting for stock row locks").register(registry);
        this.holdTimer = Timer.builder("inventory.lock.hold").tag("type", "row")
                .description("time stock row locks were held, until the transaction ended").register(registry);
    }

    @Override
    public <T> T withStocksLocked(Collection<String> skus, Supplier<T> work) {
        String[] distinct = skus.stream().distinct().toArray(String[]::new);
        long[] lockedAt = {0};
        try {
            return transactions.inTransaction(() -> {
                long asked = System.nanoTime();
                jdbc.sql(LOCK_ROWS).param(distinct).query(String.class).list();
                lockedAt[0] = System.nanoTime();
                waitTimer.record(lockedAt[0] - asked, java.util.concurrent.TimeUnit.NANOSECONDS);
                return work.get();
            });
        } finally {
            if (lockedAt[0] != 0) {
                holdTimer.record(System.nanoTime() - lockedAt[0], java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }
    }
}
