package dev.commerce.coupon.adapter.out.memory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A per-thread undo log standing in for a database transaction: the in-memory repositories record
 * how to undo each write made while a transaction is open, and {@link InMemoryCouponLock} replays
 * them when the work throws. Undoing is safe because the writer still holds the rows' locks.
 */
public final class InMemoryTransactions {

    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();

    boolean isActive() {
        return undoLog.get() != null;
    }

    void begin() {
        if (isActive()) {
            throw new IllegalStateException("a transaction is already open on this thread");
        }
        undoLog.set(new ArrayDeque<>());
    }

    void commit() {
        undoLog.remove();
    }

    void rollback() {
        Deque<Runnable> undos = undoLog.get();
        undoLog.remove();
        // Newest first, so a row written twice ends at its value before the transaction.
        while (undos != null && !undos.isEmpty()) {
            undos.pop().run();
        }
    }

    /** Records how to undo a write, if a transaction is open; writes outside one are final at once. */
    void onRollback(Runnable undo) {
        Deque<Runnable> undos = undoLog.get();
        if (undos != null) {
            undos.push(undo);
        }
    }
}
