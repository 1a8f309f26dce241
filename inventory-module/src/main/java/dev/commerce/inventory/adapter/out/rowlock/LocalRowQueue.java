package dev.commerce.inventory.adapter.out.rowlock;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fair in-process locks, one per stripe of SKUs, taken before the rows are locked in PostgreSQL:
 * requests of this instance for the same SKU queue here, first come first served, and only the
 * first of them waits for the row lock in the database. Stripes are taken in ascending order, so
 * two requests never wait for each other in a circle; a request waits at most the lock timeout,
 * then gets {@code LOCK_TIMEOUT} as if the row lock had timed out. The row locks stay the guard
 * across instances; this queue only thins the crowd at them.
 *
 * <p>The coupon module's {@code HandoverQueues} is a fair striped local queue too, but keeps a mechanism of its own
 * because it also holds a remote Redis lock per stripe and hands it from one local holder to the
 * next (with chain limits and a sweeper for kept locks), while this queue holds nothing remote: the
 * row locks are taken anew by every transaction and end with it.
 */
final class LocalRowQueue {

    private static final int STRIPES = 1024;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Duration timeout;

    LocalRowQueue(Duration timeout) {
        this.timeout = timeout;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /** The caller's turn at the stripes of {@code skus}, held until closed. */
    Turn await(String[] skus) {
        TreeSet<Integer> indices = new TreeSet<>();
        for (String sku : skus) {
            indices.add(Math.floorMod(sku.hashCode(), STRIPES));
        }
        Deque<ReentrantLock> held = new ArrayDeque<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (int index : indices) {
                ReentrantLock stripe = stripes[index];
                if (!stripe.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw busy(null);
                }
                held.push(stripe);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(held);
            throw busy(e);
        } catch (RuntimeException e) {
            release(held);
            throw e;
        }
        return () -> release(held);
    }

    private InventoryException busy(Throwable cause) {
        return new InventoryException(InventoryErrorCode.LOCK_TIMEOUT,
                "Stock is busy; could not lock it within " + timeout.toMillis() + " ms. Retry later.",
                Duration.ofSeconds(1), cause);
    }

    private static void release(Deque<ReentrantLock> held) {
        while (!held.isEmpty()) {
            held.pop().unlock();
        }
    }

    /** A held turn; closing it lets the next in line go. */
    interface Turn extends AutoCloseable {

        @Override
        void close();
    }
}
