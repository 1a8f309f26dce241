package dev.commerce.inventory.adapter.out.memory;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** One lock per stock row with a lock timeout: what PostgreSQL's row locks are to the real adapters. */
public final class InMemoryRowLocks {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Duration lockTimeout;

    public InMemoryRowLocks(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    ReentrantLock acquire(String sku) {
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

    boolean isLocked(String sku) {
        ReentrantLock lock = locks.get(sku);
        return lock != null && lock.isLocked();
    }

    private InventoryException lockTimeout(String sku, Throwable cause) {
        return new InventoryException(InventoryErrorCode.LOCK_TIMEOUT,
                "stock row " + sku + " stayed locked longer than " + lockTimeout, Duration.ofSeconds(1), cause);
    }
}
