package dev.commerce.inventory.adapter.out.rowlock;

import dev.commerce.inventory.adapter.PostgresLockFailures;
import dev.commerce.inventory.application.port.InventoryTransactions;
import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.inventory.domain.Stock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inventory {@link StockConcurrency} on PostgreSQL row locks, with a fair in-process queue per SKU in
 * front ({@link LocalRowQueue}): of the requests of one instance for a hot SKU one waits at the
 * row in PostgreSQL and the rest in this JVM, so a commit wakes one waiting backend per instance
 * instead of every one in the pool. Then one transaction with {@code lock_timeout} ({@link #run} in an
 * {@link InventoryTransactions} transaction; {@link #runWithStocks} in its own, whose first
 * statement sets the timeout, saving a round trip), {@code SELECT ... FOR UPDATE} on the stock rows
 * in one fixed order, then the work. The locks end with the transaction.
 * Records {@code inventory.lock.wait} (queue and rows, until the rows are locked) and {@code inventory.lock.hold}
 * (from then until the transaction has ended), named like the coupon module's lock timers.
 * Public for the guard tests in app-bootstrap, which run two of it as two instances of the service.
 */
public class RowLockStockConcurrency implements StockConcurrency {

    // ORDER BY under the C collation: every caller locks in the same byte order, whatever the
    // database's default collation, so {A, B} and {B, A} cannot deadlock.
    private static final String LOCK_ROWS = """
            SELECT sku FROM inventory.stock
            WHERE sku = ANY (?)
            ORDER BY sku COLLATE "C"
            FOR UPDATE""";

    // Lock and read in one round trip, with the transaction's lock_timeout set by the same
    // statement: a row is locked only once it has come out of the join, and no row comes out of
    // the join before its other side, the MATERIALIZED CTE, has been evaluated, whatever plan is
    // chosen; so the timeout is in force before the first lock is requested. (If no SKU matches,
    // nothing is locked, and callers then answer PRODUCT_NOT_FOUND without further statements.)
    private static final String LOCK_AND_READ_ROWS = """
            WITH timeout AS MATERIALIZED (SELECT set_config('lock_timeout', ?, true) AS lock_timeout)
            SELECT s.sku, s.on_hand, s.reserved FROM inventory.stock s, timeout
            WHERE s.sku = ANY (?)
            ORDER BY s.sku COLLATE "C"
            FOR UPDATE OF s""";

    private final InventoryTransactions transactions;
    private final TransactionTemplate lockAndRead;
    private final JdbcClient jdbc;
    private final String lockTimeout;
    private final LocalRowQueue localQueue;
    private final Timer waitTimer;
    private final Timer holdTimer;

    public RowLockStockConcurrency(InventoryTransactions transactions, PlatformTransactionManager transactionManager,
            JdbcClient jdbc, MeterRegistry registry, Duration lockTimeout) {
        this.transactions = transactions;
        this.lockAndRead = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.lockTimeout = PostgresLockFailures.lockTimeoutSetting(lockTimeout);
        this.localQueue = new LocalRowQueue(lockTimeout);
        this.waitTimer = Timer.builder("inventory.lock.wait").tag("type", "row")
                .description("time waiting for stock row locks").register(registry);
        this.holdTimer = Timer.builder("inventory.lock.hold").tag("type", "row")
                .description("time stock row locks were held, until the transaction ended").register(registry);
    }

    @Override
    public <T> T run(Collection<String> skus, Supplier<T> work) {
        String[] distinct = skus.stream().distinct().toArray(String[]::new);
        long[] lockedAt = {0};
        long asked = System.nanoTime();
        try (LocalRowQueue.Turn turn = localQueue.await(distinct)) {
            return transactions.inTransaction(() -> {
                jdbc.sql(LOCK_ROWS).param(distinct).query(String.class).list();
                lockedAt[0] = locked(asked);
                return work.get();
            });
        } finally {
            recordHold(lockedAt[0]);
        }
    }

    @Override
    public <T> T runWithStocks(Collection<String> skus, Function<Map<String, Stock>, T> work) {
        String[] distinct = skus.stream().distinct().toArray(String[]::new);
        long[] lockedAt = {0};
        long asked = System.nanoTime();
        try (LocalRowQueue.Turn turn = localQueue.await(distinct)) {
            return lockedAndRead(distinct, found -> {
                lockedAt[0] = locked(asked);
                return work.apply(found);
            });
        } finally {
            recordHold(lockedAt[0]);
        }
    }

    /** One transaction: lock and read the rows in its first statement (which sets lock_timeout), then the work. */
    private <T> T lockedAndRead(String[] skus, Function<Map<String, Stock>, T> work) {
        try {
            return lockAndRead.execute(status -> {
                Map<String, Stock> found = new LinkedHashMap<>();
                jdbc.sql(LOCK_AND_READ_ROWS).params(lockTimeout, skus)
                        .query((rs, row) -> Stock.reconstitute(rs.getString("sku"), rs.getLong("on_hand"),
                                rs.getLong("reserved")))
                        .list()
                        .forEach(stock -> found.put(stock.sku(), stock));
                return work.apply(found);
            });
        } catch (DataAccessException e) {
            if (!PostgresLockFailures.isLockFailure(e)) {
                throw e;
            }
            throw PostgresLockFailures.busy(lockTimeout, e);
        }
    }

    private long locked(long askedAt) {
        long now = System.nanoTime();
        waitTimer.record(now - askedAt, TimeUnit.NANOSECONDS);
        return now;
    }

    private void recordHold(long lockedAt) {
        if (lockedAt != 0) {
            holdTimer.record(System.nanoTime() - lockedAt, TimeUnit.NANOSECONDS);
        }
    }
}
