package dev.commerce.inventory.adapter.out.optimistic;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.inventory.domain.Stock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link StockConcurrency} without locks: each attempt runs the work in its own REPEATABLE READ
 * transaction against {@link VersionCheckedStockRepository}; an attempt that lost a race (a row's
 * version moved) rolls back and runs again after a short random pause, at most {@code maxAttempts}
 * times, then the request is answered {@code LOCK_TIMEOUT} (busy; retry later).
 */
final class OptimisticStockConcurrency implements StockConcurrency {

    private final TransactionTemplate transactions;
    private final VersionCheckedStockRepository stocks;
    private final int maxAttempts;

    OptimisticStockConcurrency(PlatformTransactionManager transactionManager, VersionCheckedStockRepository stocks,
            int maxAttempts) {
        this.transactions = new TransactionTemplate(transactionManager);
        // One snapshot per attempt: under READ COMMITTED a reservation read before a concurrent
        // commit and stock read after it would disagree; here such an attempt fails and retries.
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.stocks = stocks;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public <T> T runWithStocks(Collection<String> skus, Function<Map<String, Stock>, T> work) {
        return run(skus, () -> work.apply(stocks.findAll(skus)));
    }

    @Override
    public <T> T run(Collection<String> skus, Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get(); // nested: the outer attempt retries as a whole
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> {
                    stocks.beginAttempt();
                    return work.get();
                });
            } catch (ConcurrencyFailureException lostRace) {
                // a version that moved, a serialization failure of the snapshot, or a deadlock: lost races
                if (attempt >= maxAttempts) {
                    throw new InventoryException(InventoryErrorCode.LOCK_TIMEOUT,
                            "Stock is busy; " + maxAttempts + " attempts lost the race. Retry later.",
                            Duration.ofSeconds(1), lostRace);
                }
                pause(attempt);
            }
        }
    }

    /** Random pause growing with the attempt (up to 10 ms), so losers do not collide again in step. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(0, Math.min(attempt, 10) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
