package dev.commerce.inventory.adapter.out.memory;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.application.port.LockPort;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One {@link ReentrantLock} per existing stock row, taken in sorted SKU order with a timeout, and an
 * undo log that rolls back the work's writes when it throws: the same contract as row locks
 * ({@code SELECT ... FOR UPDATE}) held to the end of a database transaction.
 */
public final class InMemoryLockPort implements LockPort {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final InMemoryStockRepository stocks;
    private final InMemoryTransactions transactions;
    private final Duration lockTimeout;

    public InMemoryLockPort(InMemoryStockRepository stocks, InMemoryTransactions transactions, Duration lockTimeout) {
        this.stocks = stocks;
        this.transactions = transactions;
        this.lockTimeout = lockTimeout;
    }

    @Override
    public <T> T withStocksLocked(Collection<String> skus, Supplier<T> work) {
        Deque<ReentrantLock> held = new ArrayDeque<>();
        try {
            // Sorted and de-duplicated: every caller takes locks in the same order, so none deadlock.
            for (String sku : new TreeSet<>(skus)) {
                // Like SELECT ... FOR UPDATE, a row that does not exist is not locked.
                if (stocks.exists(sku)) {
                    held.push(acquire(sku));
                }
            }
            return inTransaction(work);
        } finally {
            while (!held.isEmpty()) {
                held.pop().unlock();
            }
        }
    }

    /** Whether any thread holds the lock of {@code sku}, for tests. */
    public boolean isLocked(String sku) {
        ReentrantLock lock = locks.get(sku);
        return lock != null && lock.isLocked();
    }

    private <T> T inTransaction(Supplier<T> work) {
        // A nested call joins the outer transaction, which alone commits or rolls back.
        if (transactions.isActive()) {
            return work.get();
        }
        transactions.begin();
        try {
            T result = work.get();
            transactions.commit();
            return result;
        } catch (RuntimeException | Error e) {
            transactions.rollback();
            throw e;
        }
    }

    private ReentrantLock acquire(String sku) {
        ReentrantLock lock = locks.computeIfAbsent(sku, ignored -> new ReentrantLock());
        try {
            if (lock.tryLock(lockTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return lock;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw lockTimeout(sku, e);
        }
        throw lockTimeout(sku, null);
    }

    private InventoryException lockTimeout(String sku, Throwable cause) {
        return new InventoryException(InventoryErrorCode.LOCK_TIMEOUT,
                "stock row " + sku + " stayed locked longer than " + lockTimeout, Duration.ofSeconds(1), cause);
    }
}
