package dev.commerce.inventory.adapter.out.memory;

import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.inventory.domain.Stock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One {@link ReentrantLock} per existing stock row, taken in sorted SKU order with a timeout, and an
 * undo log that rolls back the work's writes when it throws: the same contract as row locks
 * ({@code SELECT ... FOR UPDATE}) held to the end of a database transaction.
 */
public final class InMemoryStockConcurrency implements StockConcurrency {

    private final InMemoryStockRepository stocks;
    private final InMemoryRowLocks locks;
    private final InMemoryInventoryTransactions transaction;

    public InMemoryStockConcurrency(InMemoryStockRepository stocks, InMemoryInventoryTransactions transactions, Duration lockTimeout) {
        this(stocks, transactions, new InMemoryRowLocks(lockTimeout));
    }

    /** Shares its row locks with the stock repository's conditional updates, as rows do in a database. */
    public InMemoryStockConcurrency(InMemoryStockRepository stocks, InMemoryInventoryTransactions transactions, InMemoryRowLocks locks) {
        this.stocks = stocks;
        this.locks = locks;
        this.transaction = transactions;
    }

    @Override
    public <T> T runWithStocks(Collection<String> skus, Function<Map<String, Stock>, T> work) {
        return run(skus, () -> work.apply(stocks.findAll(skus)));
    }

    @Override
    public <T> T run(Collection<String> skus, Supplier<T> work) {
        Deque<ReentrantLock> held = new ArrayDeque<>();
        try {
            // Sorted and de-duplicated: every caller takes locks in the same order, so none deadlock.
            for (String sku : new TreeSet<>(skus)) {
                // Like SELECT ... FOR UPDATE, a row that does not exist is not locked.
                if (stocks.exists(sku)) {
                    held.push(locks.acquire(sku));
                }
            }
            return transaction.inTransaction(work);
        } finally {
            while (!held.isEmpty()) {
                held.pop().unlock();
            }
        }
    }

    /** Whether any thread holds the lock of {@code sku}, for tests. */
    public boolean isLocked(String sku) {
        return locks.isLocked(sku);
    }
}
